// Equality-based label selectors ("app=web", "tier!=db", "a==b"), the form lab files accept.

import type { Pod } from '../model/kube.js';

export function matchesSelector(selector: string, labels: Record<string, string> | undefined): boolean {
  return selector.split(',').every((term) => {
    const match = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(\S*)\s*$/.exec(term);
    if (!match) return false;
    const [, key, op, value] = match;
    const actual = labels?.[key!];
    return op === '!=' ? actual !== value : actual === value;
  });
}

/**
 * The pods a selector may act on, as the watch holds them: running and not terminating, by name;
 * `ready` are the ones also Ready (a fault should hit a pod that serves).
 */
export function podsToPick(pods: readonly Pod[], selector: string): { running: string[]; ready: string[] } {
  const running = pods.filter((pod) => matchesSelector(selector, pod.metadata.labels) && pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp);
  const ready = running.filter((pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const names = (list: Pod[]) => list.map((pod) => pod.metadata.name).sort();
  return { running: names(running), ready: names(ready) };
}
