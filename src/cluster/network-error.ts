// Turns the errors undici's fetch and ws throw for a failed connection into one short reason
// naming the cause: undici wraps the socket error in `TypeError: fetch failed` with `cause`, and
// Node's happy-eyeballs connect wraps one error per address in an AggregateError.

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO$|ERR_OSSL)/;

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 10) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null) continue;
    const item = next as ErrorLike;
    found.push(item);
    if (item.cause !== undefined) queue.push(item.cause);
    if (Array.isArray(item.errors)) queue.push(...item.errors);
  }
  return found;
}

function isTimeout(error: unknown): boolean {
  return chain(error).some(
    (item) => item.name === 'TimeoutError' || item.code === 'UND_ERR_CONNECT_TIMEOUT' || item.code === 'ETIMEDOUT' || item.code === 'UND_ERR_HEADERS_TIMEOUT',
  );
}

/** "connection refused (ECONNREFUSED)", "TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)", … */
export function describeNetworkError(error: unknown, timeoutMs?: number): string {
  if (isTimeout(error)) {
    return `no answer within ${timeoutMs !== undefined ? `${(timeoutMs / 1000).toString()} s` : 'the time limit'} (timeout)`;
  }
  const items = chain(error);
  const coded = items.find((item) => typeof item.code === 'string' && item.code !== 'ERR_INVALID_STATE');
  const code = coded?.code;
  const detail = coded?.message ?? items.at(-1)?.message ?? String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name not found (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection closed by the server (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to host (${code})`;
    default:
      if (code && TLS_CODES.test(code)) return `TLS: ${detail} (${code})`;
      return code ? `${detail} (${code})` : detail;
  }
}
