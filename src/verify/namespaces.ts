// Which namespaces to grade: names matching a shell-style glob (`student-*`), namespaces whose
// labels match a selector (`course=k8s-101`), or both. Listing namespaces is cluster-scoped.

import type { Cluster } from '../cluster/port.js';
import { matchesSelector } from '../runner/selector.js';

export interface NamespaceFilter {
  glob?: string;
  selector?: string;
}

/** `*` any run of characters, `?` one character; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function matchesNamespace(name: string, labels: Record<string, string> | undefined, filter: NamespaceFilter): boolean {
  if (filter.glob !== undefined && !globToRegExp(filter.glob).test(name)) return false;
  if (filter.selector !== undefined && !matchesSelector(filter.selector, labels)) return false;
  return true;
}

export async function selectNamespaces(reader: Pick<Cluster, 'listObjects'>, filter: NamespaceFilter): Promise<string[]> {
  const namespaces = await reader.listObjects('', 'Namespace');
  return namespaces
    .filter((ns) => matchesNamespace(ns.metadata.name, ns.metadata.labels, filter))
    .map((ns) => ns.metadata.name)
    .sort();
}
