// The pods of the real-cluster recordings, for the pods pane's tests: each with the versions the
// watch delivered of it (Pending, ContainerCreating, Running 0/1 and 1/1, Completed, Error…).

import type { Pod } from '../../src/model/kube.js';
import { fixtureNames, readFixture } from '../support/fixtures.js';

/** Every pod of every recording, with its versions in the order the watch delivered them. */
export async function recordedPodHistories(): Promise<Pod[][]> {
  const histories: Pod[][] = [];
  for (const name of await fixtureNames()) {
    const byUid = new Map<string, Pod[]>();
    for (const o of (await readFixture(name)).observations) {
      if (o.kind !== 'watch' || o.resource !== 'pods' || o.type === 'DELETED') continue;
      const uid = o.object.metadata.uid!;
      byUid.set(uid, [...(byUid.get(uid) ?? []), o.object as Pod]);
    }
    histories.push(...byUid.values());
  }
  return histories;
}
