// Hands-on runs of catalogue labs on real recordings, for tests: the runner against the
// recorded-cluster double in learnerActs mode (the recorded actions stand in for the learner's).

import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { LoadedLab } from '../../src/lab/load.js';
import type { Lab } from '../../src/lab/schema.js';
import type { Recording } from '../../src/recording/format.js';
import type { RunEvent } from '../../src/runner/events.js';
import type { LearnerControls } from '../../src/runner/hands-on-turn.js';
import { runLab } from '../../src/runner/run-lab.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { RecordedCluster } from './recorded-cluster.js';

/** The pod the readiness-exec recording breaks, and the two it leaves alone. */
export const BROKEN = 'readiness-deployment-774f8b876f-hqx8x';
export const OTHERS = ['readiness-deployment-774f8b876f-jqb9r', 'readiness-deployment-774f8b876f-zf474'];

export interface HandsOnRunOptions {
  edit?: (lab: Lab) => void;
  recording?: (recording: Recording) => Recording;
  waitMs?: number;
  controls?: LearnerControls;
}

export async function handsOnRun(name: string, options: HandsOnRunOptions = {}) {
  const catalogue = await loadCatalogueLab(name);
  const lab = structuredClone(catalogue.lab);
  options.edit?.(lab);
  const loaded: LoadedLab = { ...catalogue, lab };
  const recording = (options.recording ?? ((r) => r))(await readFixture(name));
  const cluster = RecordedCluster.learnerActs(recording);
  // Copied as emitted: the judge goes on updating a pending verdict's items in place.
  const events: RunEvent[] = [];
  const result = await runLab({
    cluster,
    clock: cluster,
    loaded,
    autoWithin: autoWithinFor(loaded),
    signal: new AbortController().signal,
    handsOn: { waitMs: options.waitMs ?? 180_000, controls: options.controls },
    onEvent: (event) => events.push(structuredClone(event)),
  });
  return { loaded, result, events, cluster, recording };
}

/** When the recording first shows `reason` on `pod`. */
export function firstEventAt(recording: Recording, reason: string, pod: string): number {
  return recording.observations.find((o) => o.kind === 'watch' && o.resource === 'events' && o.object.reason === reason && o.object.involvedObject.name === pod)!.at;
}

/** The recording as if the learner never ran the fault: everything from its first action on is gone. */
export function withoutTheMove(recording: Recording): Recording {
  const first = recording.observations.findIndex((o) => o.kind === 'action');
  return { ...recording, observations: recording.observations.slice(0, first) };
}
