// `probelab doctor`: what probelab would connect to, whether it may inject faults there, whether
// the server answers, and whether the credentials carry every permission a lab run uses.

import { EXIT, UserError } from '../exit-codes.js';
import { openSession, type ClusterOptions } from './cluster.js';
import { CONNECT_TIMEOUT_MS, fetchServerVersion } from './connect.js';
import { DISPOSABLE_CONTEXT_NAMES } from './context-guard.js';
import { checkPermissions, permissionLabel } from './permissions.js';

const OK = '✔';
const NO = '✘';

export async function runDoctor(options: ClusterOptions, out: (line: string) => void): Promise<number> {
  const session = await openSession({ ...options, guard: false });
  const { kubeconfig, guard, api } = session;
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  out(`context:     ${kubeconfig.context}`);
  out(`server:      ${kubeconfig.server}`);
  out(`kubeconfig:  ${kubeconfig.sources.files.join(', ')} (${kubeconfig.sources.origin})`);

  let healthy = true;
  try {
    out(`version:     ${await fetchServerVersion(api, timeoutMs)}`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    out(`${NO} ${error.message}`);
    healthy = false;
  }

  if (guard.allowed) {
    out(`${OK} guard: ${guard.reason}; fault injection allowed`);
  } else {
    out(`${NO} guard: ${guard.reason}; probelab run will refuse it`);
    out(`    disposable contexts: ${DISPOSABLE_CONTEXT_NAMES.join(', ')}, or a loopback server`);
    out(`    to allow it: --allow-context ${kubeconfig.context}, or allowContexts: [${JSON.stringify(kubeconfig.context)}] in ${session.configPath}`);
  }
  if (!healthy) return EXIT.cluster;

  out('permissions (SelfSubjectAccessReview, all namespaces):');
  let checks;
  try {
    checks = await checkPermissions(api, undefined, timeoutMs);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    out(`${NO} cannot check permissions: ${error.message}`);
    return EXIT.cluster;
  }
  let missing = 0;
  for (const check of checks) {
    const label = permissionLabel(check.permission);
    if (check.allowed) {
      out(`  ${OK} ${label}`);
    } else {
      missing++;
      out(`  ${NO} ${label} — missing permission: ${label} (needed for ${check.permission.why})${check.detail ? `; ${check.detail}` : ''}`);
    }
  }
  out(missing === 0 ? `all ${checks.length.toString()} permissions granted` : `${missing.toString()} of ${checks.length.toString()} permissions missing`);
  return missing === 0 && guard.allowed ? EXIT.ok : EXIT.cluster;
}
