// A namespace of many pods for the pods pane's tests: every pod the real-cluster recordings watched,
// each at one of its recorded versions (so the list holds Running 1/1 and 0/1, ContainerCreating,
// Init:0/1, Completed, Error…), cloned and renamed `<name>-c<i>` until there are `count`; delivered
// as a watch's initial list would be, through a Timeline, as RunEvents.

import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import type { RunEvent } from '../../src/runner/events.js';
import { Timeline } from '../../src/timeline/timeline.js';
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

/** `count` pods as the initial list of a watch at `at`: `started`, then one observation each (through `timeline`). */
export function manyPodsEvents(histories: Pod[][], count: number, at: number, timeline = new Timeline()): RunEvent[] {
  const list = Array.from({ length: count }, (_, i): Pod => {
    const history = histories[i % histories.length]!;
    const version = structuredClone(history[Math.floor(i / histories.length) % history.length]!);
    version.metadata = { ...version.metadata, name: `${version.metadata.name}-c${i}`, uid: `${version.metadata.uid}-c${i}`, resourceVersion: String(1000 + i) };
    return version;
  });
  return [
    { kind: 'started', at, lab: 'watch', namespace: 'many' },
    ...list.map((object): RunEvent => {
      const observation: Observation = { kind: 'watch', at, resource: 'pods', type: 'ADDED', object };
      return { kind: 'observation', at, observation, transitions: timeline.apply(observation) };
    }),
  ];
}
