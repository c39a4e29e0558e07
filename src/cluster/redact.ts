// Every error message that may carry a server URL, a request header or a kubeconfig fragment goes
// through redact() before it is printed: kubeconfigs hold bearer tokens, basic-auth passwords,
// client keys and exec-plugin output, and none of them may reach a terminal or a CI log.

const HIDDEN = '[redacted]';

const rules: [RegExp, string][] = [
  // userinfo in any URL: https://user:pass@host → https://[redacted]@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, `$1${HIDDEN}@`],
  // Authorization header values (client-node's RequestContext headers, undici errors).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${HIDDEN}`],
  // key: value / "key":"value" / key=value forms of the kubeconfig's secret fields and of
  // client.authentication.k8s.io ExecCredential status (token, clientKeyData).
  [
    /(["']?\b(?:token|id-token|refresh-token|access-token|access_token|password|client-key-data|clientKeyData|client-certificate-data|clientCertificateData|secret|client-secret)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}&]+)/gi,
    `$1${HIDDEN}`,
  ],
  // PEM private keys pasted whole.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, HIDDEN],
];

export function redact(text: string): string {
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** The server URL without userinfo, for display. */
export function displayServer(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return redact(server);
  }
}
