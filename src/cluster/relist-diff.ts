// What changed between the objects a watch knew and a fresh list, by uid and resourceVersion. After
// a 410 Gone the events in between are lost for good; the list is the truth, and these differences
// are reported as synthetic events so that every object's last state is seen exactly once.

import type { KubeObject } from '../model/kube.js';
import type { WatchType } from '../model/observation.js';

export interface DiffEvent<T extends KubeObject = KubeObject> {
  type: WatchType;
  object: T;
}

/** uid when the server sent one; namespace/name otherwise (uids are always set on served objects). */
export function objectKey(object: KubeObject): string {
  return object.metadata.uid ?? `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export function relistDiff<T extends KubeObject>(known: readonly T[], listed: readonly T[]): DiffEvent<T>[] {
  const listedByKey = new Map(listed.map((object) => [objectKey(object), object]));
  const knownByKey = new Map(known.map((object) => [objectKey(object), object]));
  const events: DiffEvent<T>[] = [];
  // Deletions first: a pod recreated under the same name (new uid) reads as gone, then new.
  for (const object of known) {
    if (!listedByKey.has(objectKey(object))) events.push({ type: 'DELETED', object });
  }
  for (const object of listed) {
    const before = knownByKey.get(objectKey(object));
    if (!before) events.push({ type: 'ADDED', object });
    else if (before.metadata.resourceVersion !== object.metadata.resourceVersion) events.push({ type: 'MODIFIED', object });
  }
  return events;
}
