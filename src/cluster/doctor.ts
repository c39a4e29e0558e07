// `probelab doctor`: what probelab would connect to, whether it may inject faults there, whether
// the server answers, and whether the credentials carry every permission a lab run uses: across
// the cluster for a normal run, or inside one namespace for `run -n NS` (`doctor -n NS`). A
// missing permission is named as `kubectl auth can-i` asks it, so it can be checked and granted.

import { EXIT, UserError } from '../exit-codes.js';
import { openSession, type ClusterOptions } from './cluster.js';
import { CONNECT_TIMEOUT_MS, fetchServerVersion } from './connect.js';
import { DISPOSABLE_CONTEXT_NAMES } from './context-guard.js';
import { ApiError } from './errors.js';
import { canICommand, checkPermissions, NAMESPACED_PERMISSIONS, permissionLabel, REQUIRED_PERMISSIONS } from './permissions.js';
import type { ApiClient } from './api-client.js';

const OK = '✔';
const NO = '✘';

/** `namespace`: check for `run -n NAMESPACE` instead of a run that creates its namespaces. */
export async function runDoctor(options: ClusterOptions, out: (line: string) => void, namespace?: string): Promise<number> {
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

  let namespaceFound = true;
  if (namespace !== undefined) {
    const line = await namespaceLine(api, namespace, timeoutMs);
    namespaceFound = !line.startsWith(NO);
    out(line);
  }
  out(namespace === undefined ? 'permissions (SelfSubjectAccessReview, all namespaces):' : `permissions in namespace ${namespace} (SelfSubjectAccessReview):`);
  let checks;
  try {
    checks = await checkPermissions(api, namespace === undefined ? REQUIRED_PERMISSIONS : NAMESPACED_PERMISSIONS, timeoutMs, namespace);
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
      out(`  ${NO} ${label} — missing: \`${canICommand(check.permission, namespace)}\` says no (needed for ${check.permission.why})${check.detail ? `; ${check.detail}` : ''}`);
    }
  }
  out(missing === 0 ? `all ${checks.length.toString()} permissions granted` : `${missing.toString()} of ${checks.length.toString()} permissions missing`);
  return missing === 0 && guard.allowed && namespaceFound ? EXIT.ok : EXIT.cluster;
}

/** Whether `run -n` has a namespace to go into (a namespace the user may not read is not held against it). */
async function namespaceLine(api: ApiClient, namespace: string, timeoutMs: number): Promise<string> {
  try {
    const found = await api.jsonOrUndefined<{ status?: { phase?: string } }>('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}`, { what: `read namespace ${namespace}`, timeoutMs });
    if (!found) return `${NO} namespace ${namespace} not found: run -n applies into a namespace you already have (kubectl create namespace ${namespace} makes one)`;
    if (found.status?.phase === 'Terminating') return `${NO} namespace ${namespace} is being deleted`;
    return `${OK} namespace ${namespace} exists (${found.status?.phase ?? 'Active'})`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return `? namespace ${namespace}: not allowed to read it (${error.serverMessage}); run -n will tell when it applies`;
    throw error;
  }
}
