// Real LabResults and RunEvents for the report tests: the catalogue lab readiness-exec run by the
// runner against the RecordedCluster double (test/runner/recorded-cluster.ts), which replays the
// recording made on a real cluster.

import type { Lab } from '../../src/lab/schema.js';
import type { LabResult, RunEvent } from '../../src/runner/events.js';
import { runLab, type RunLabOptions } from '../../src/runner/run-lab.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';

export interface RecordedRun {
  result: LabResult;
  events: RunEvent[];
  stepNames: string[];
}

export interface RunTweaks {
  edit?: (lab: Lab) => void;
  options?: Partial<RunLabOptions>;
  cluster?: (cluster: RecordedCluster) => void;
  /** Interrupts the run (as Ctrl-C does) once this returns true for an event. */
  interruptWhen?: (event: RunEvent) => boolean;
}

export async function recordedRun(tweaks: RunTweaks = {}): Promise<RecordedRun> {
  const loaded = await loadCatalogueLab('readiness-exec');
  const lab = structuredClone(loaded.lab);
  tweaks.edit?.(lab);
  const cluster = new RecordedCluster(await readFixture('readiness-exec'));
  tweaks.cluster?.(cluster);
  const events: RunEvent[] = [];
  const controller = new AbortController();
  const result = await runLab({
    cluster,
    clock: cluster,
    loaded: { ...loaded, lab },
    autoWithin: () => 30_000,
    signal: controller.signal,
    onEvent: (event) => {
      events.push(event);
      if (tweaks.interruptWhen?.(event)) controller.abort();
    },
    ...tweaks.options,
  });
  return { result, events, stepNames: lab.spec.steps.map((step) => step.name) };
}

/** The failing variant: step 2 waits for a restart that a readiness failure never causes. */
export const expectRestart = (lab: Lab): void => {
  lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '20s' }];
};

/** The errored variant: server-side apply is refused, so no step runs. */
export const APPLY_ERROR = 'Deployment/readiness-deployment: admission webhook "validate.example.com" denied the request';

export const refuseApply = (cluster: RecordedCluster): void => {
  cluster.apply = async () => {
    throw new Error(APPLY_ERROR);
  };
};

/** The API server stops for 4.5 s during step 2: the pods watch is refused, then relists. */
export const cutPodsWatch = (cluster: RecordedCluster): void => {
  cluster.scriptOutage('pods', cluster.firstActionAt + 2_000, cluster.firstActionAt + 6_500);
};
