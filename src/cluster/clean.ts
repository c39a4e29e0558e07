// `probelab clean`: finds namespaces earlier runs left behind (by probelab's managed-by label, so
// nothing else can match), lists them, and deletes them once the user agreed.

import { EXIT, UserError } from '../exit-codes.js';
import { openSession, type ClusterOptions } from './cluster.js';
import { CONNECT_TIMEOUT_MS, fetchServerVersion } from './connect.js';
import { MANAGED_SELECTOR } from './labels.js';
import { deleteNamespace, listManagedNamespaces, type NamespaceSummary } from './namespaces.js';

export interface CleanIo {
  out(line: string): void;
  err(line: string): void;
  isTTY: boolean;
  confirm(question: string): Promise<boolean>;
  now?: () => number;
}

export interface CleanOptions extends ClusterOptions {
  yes: boolean;
  /** How long to wait for each namespace to disappear. */
  waitMs?: number;
}

function age(created: string | undefined, now: number): string {
  if (!created) return '?';
  const seconds = Math.max(0, Math.round((now - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds.toString()}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60).toString()}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600).toString()}h`;
  return `${Math.round(seconds / 86400).toString()}d`;
}

export function formatNamespaceTable(namespaces: readonly NamespaceSummary[], now: number): string[] {
  const width = Math.max(...namespaces.map((entry) => entry.name.length));
  return namespaces.map(
    (entry) => `  ${entry.name.padEnd(width)}  lab=${entry.lab ?? '?'}  age ${age(entry.creationTimestamp, now)}${entry.phase === 'Terminating' ? '  (Terminating)' : ''}`,
  );
}

export async function runClean(options: CleanOptions, io: CleanIo): Promise<number> {
  const session = await openSession({ ...options, guard: false });
  const { api, kubeconfig } = session;
  await fetchServerVersion(api, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  const namespaces = await listManagedNamespaces(api);
  const where = `context "${kubeconfig.context}" (${kubeconfig.server})`;
  if (namespaces.length === 0) {
    io.out(`no namespaces labelled ${MANAGED_SELECTOR} in ${where}`);
    return EXIT.ok;
  }
  const count = `${namespaces.length.toString()} namespace${namespaces.length === 1 ? '' : 's'}`;
  io.out(`${count} labelled ${MANAGED_SELECTOR} in ${where}:`);
  for (const line of formatNamespaceTable(namespaces, (io.now ?? Date.now)())) io.out(line);
  if (!options.yes) {
    if (!io.isTTY) {
      io.err(`not deleting without confirmation: run again with --yes to delete ${namespaces.length === 1 ? 'it' : `these ${count}`}`);
      return EXIT.failed;
    }
    if (!(await io.confirm(`delete ${namespaces.length === 1 ? 'it' : `these ${count}`}? [y/N] `))) {
      io.out('nothing deleted');
      return EXIT.ok;
    }
  }
  const waitMs = options.waitMs ?? 60_000;
  const results = await Promise.allSettled(namespaces.map((entry) => deleteNamespace(api, entry.name, waitMs)));
  let failed = 0;
  results.forEach((result, index) => {
    const name = namespaces[index]!.name;
    if (result.status === 'rejected') {
      failed++;
      io.err(`✘ ${name}: ${result.reason instanceof UserError ? result.reason.message : String(result.reason)}`);
    } else if (result.value.gone) {
      io.out(`✔ deleted ${name} (${(result.value.waitedMs / 1000).toFixed(1)} s)`);
    } else {
      io.out(`… ${name} is still terminating after ${(waitMs / 1000).toString()} s; the namespace controller will finish it`);
    }
  });
  return failed === 0 ? EXIT.ok : EXIT.cluster;
}
