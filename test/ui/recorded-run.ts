// Real RunEvents for UI tests: the runner against the recorded-cluster double
// (test/runner/recorded-cluster.ts) replaying the readiness-exec recording.

import { afterEach, beforeAll } from 'vitest';
import type { ConnectionInfo } from '../../src/cluster/port.js';
import type { LoadedLab } from '../../src/lab/load.js';
import type { Lab } from '../../src/lab/schema.js';
import type { RunEvent } from '../../src/runner/events.js';
import { runLab } from '../../src/runner/run-lab.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';

export interface RecordedRun {
  loaded: LoadedLab;
  connection: ConnectionInfo;
  events: RunEvent[];
}

export async function recordedRun(edit?: (lab: Lab) => void): Promise<RecordedRun> {
  const catalogue = await loadCatalogueLab('readiness-exec');
  const lab = structuredClone(catalogue.lab);
  edit?.(lab);
  const loaded: LoadedLab = { ...catalogue, lab };
  const cluster = new RecordedCluster(await readFixture('readiness-exec'));
  // Copied as emitted: the judge goes on updating a pending verdict's items in place.
  const events: RunEvent[] = [];
  await runLab({ cluster, clock: cluster, loaded, autoWithin: () => 30_000, signal: new AbortController().signal, onEvent: (event) => events.push(structuredClone(event)) });
  return { loaded, connection: cluster.connection, events };
}

/** The picked pod of readiness-exec (the recording removes /tmp/healthy in it). */
export const PICKED = 'readiness-deployment-774f8b876f-hqx8x';

/** Index of the observation event whose transitions include `match`. */
export function indexOfTransition(events: RunEvent[], match: (t: Extract<RunEvent, { kind: 'observation' }>['transitions'][number]) => boolean): number {
  const index = events.findIndex((e) => e.kind === 'observation' && e.transitions.some(match));
  if (index === -1) throw new Error('no such transition in the recorded run');
  return index;
}

/**
 * For a test file: the recorded run, made once before its tests, and every instance a test
 * mounts through `mount`, unmounted after it.
 */
export function useRecordedRun(): { readonly run: RecordedRun; mount<T extends { unmount(): void }>(instance: T): T } {
  let run: RecordedRun | undefined;
  const mounted: { unmount(): void }[] = [];
  beforeAll(async () => {
    run = await recordedRun();
  });
  afterEach(() => {
    for (const instance of mounted.splice(0)) instance.unmount();
  });
  return {
    get run() {
      if (!run) throw new Error('the recorded run is made in beforeAll');
      return run;
    },
    mount(instance) {
      mounted.push(instance);
      return instance;
    },
  };
}
