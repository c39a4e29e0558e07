// Waits until nothing matches a selector any more: one list, then one watch from the list's
// resourceVersion that follows ADDED / MODIFIED / DELETED until the set is empty. No polling: only
// a watch that ends before the deadline (the server's timeoutSeconds, 410 Gone, a cut connection)
// is followed by a new list and watch. Used for a namespace being finalized and for the pods a run
// in a user's namespace leaves behind.

import type { KubeObject } from '../model/kube.js';
import { errorFromResponse, type ApiClient } from './api-client.js';
import { jsonLines } from './json-lines.js';

export interface GoneTarget {
  /** The collection, e.g. /api/v1/namespaces. */
  path: string;
  /** For messages: "namespace probelab-x", "pods of this run". */
  what: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Called with each object still there (from the list, and as the watch sees it). */
  onPresent?(object: KubeObject): Promise<void> | void;
}

interface ListResponse {
  metadata?: { resourceVersion?: string };
  items: KubeObject[];
}

/** True when nothing matched any more before `timeoutMs` ran out. */
export async function waitUntilGone(api: ApiClient, target: GoneTarget, timeoutMs: number, now: () => number = Date.now): Promise<boolean> {
  const deadline = now() + timeoutMs;
  const query = { labelSelector: target.labelSelector, fieldSelector: target.fieldSelector };
  for (;;) {
    const list = await api.json<ListResponse>('GET', target.path, { what: `list ${target.what}`, query });
    const present = new Set<string>();
    for (const object of list.items) {
      present.add(object.metadata.name);
      await target.onPresent?.(object);
    }
    if (present.size === 0) return true;
    const remaining = deadline - now();
    if (remaining <= 0) return false;
    if (await watchUntilEmpty(api, target, query, list.metadata?.resourceVersion, present, remaining)) return true;
    if (now() >= deadline) return false;
  }
}

/** True when the set became empty; false when the watch ended first (the caller lists again). */
async function watchUntilEmpty(
  api: ApiClient,
  target: GoneTarget,
  query: Record<string, string | undefined>,
  resourceVersion: string | undefined,
  present: Set<string>,
  remainingMs: number,
): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), remainingMs);
  try {
    const response = await api.send('GET', target.path, {
      what: `watch ${target.what}`,
      query: { ...query, watch: true, resourceVersion, timeoutSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) },
      signal: controller.signal,
      timeoutMs: 0,
    });
    if (response.status === 410) {
      await response.text().catch(() => '');
      return false;
    }
    if (response.status !== 200) throw errorFromResponse(`watch ${target.what}`, response.status, await response.text());
    for await (const line of jsonLines(response.stream(), () => undefined)) {
      const event = JSON.parse(line) as { type: string; object: KubeObject };
      if (event.type === 'DELETED') present.delete(event.object.metadata.name);
      else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
        present.add(event.object.metadata.name);
        await target.onPresent?.(event.object);
      } else if (event.type === 'ERROR') return false;
      if (present.size === 0) return true;
    }
    return false;
  } catch (error) {
    if (controller.signal.aborted) return false;
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
