// The runner against a test double of the cluster port that answers with a real recording
// (readiness-exec from ../shared/fixtures): step sequencing, deadlines, early failures, cleanup.

import { describe, expect, it } from 'vitest';
import type { LoadedLab } from '../../src/lab/load.js';
import type { Lab } from '../../src/lab/schema.js';
import type { RunEvent } from '../../src/runner/events.js';
import { runLab, type RunLabOptions } from '../../src/runner/run-lab.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { RecordedCluster } from './recorded-cluster.js';

async function setup(edit?: (lab: Lab) => void) {
  const loaded = await loadCatalogueLab('readiness-exec');
  const lab = structuredClone(loaded.lab);
  edit?.(lab);
  const cluster = new RecordedCluster(await readFixture('readiness-exec'));
  const events: RunEvent[] = [];
  const controller = new AbortController();
  const options: RunLabOptions = {
    cluster,
    clock: cluster,
    loaded: { ...loaded, lab } satisfies LoadedLab,
    autoWithin: () => 30_000,
    signal: controller.signal,
    onEvent: (event) => events.push(event),
  };
  return { cluster, events, controller, options };
}

describe('runLab on a recorded cluster', () => {
  it('runs every step in order, acts on the picked pod, passes, and deletes the namespace', async () => {
    const { cluster, events, options } = await setup();
    const result = await runLab(options);
    expect(result.verdicts.map((v) => v?.state)).toEqual(['passed', 'passed', 'passed']);
    expect(result.outcome).toBe('passed');
    const execs = cluster.calls.filter((call) => call.method === 'exec').map((call) => call.args);
    expect(execs).toEqual([
      ['rec-readiness-exec', 'readiness-deployment-774f8b876f-hqx8x', ['rm', '/tmp/healthy']],
      ['rec-readiness-exec', 'readiness-deployment-774f8b876f-hqx8x', ['touch', '/tmp/healthy']],
    ]);
    expect(cluster.deleted).toEqual(['rec-readiness-exec']);
    const kinds = events.map((event) => event.kind);
    expect(kinds.indexOf('started')).toBeLessThan(kinds.indexOf('applied'));
    expect(kinds.at(-2)).toBe('cleanup');
    expect(kinds.at(-1)).toBe('finished');
    // The second step passes on the observation that moved the pod's endpoint to not ready.
    expect(result.verdicts[1]?.items.find((item) => item.label.startsWith('endpoints'))?.cause).toMatch(/^endpointslices MODIFIED/);
  });

  it('fails a step at its deadline with the state it saw, skips later steps, and still cleans up', async () => {
    const { cluster, options } = await setup((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '20s' }];
    });
    const result = await runLab(options);
    expect(result.outcome).toBe('failed');
    const failed = result.verdicts[1]!;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toBe('pod $picked (readiness-deployment-774f8b876f-hqx8x) RESTARTS +1 was not seen within 20s; instead: RESTARTS 0 → 0.');
    expect(failed.at! - failed.startedAt).toBeGreaterThan(20_000);
    expect(failed.evidence[0]).toMatch(/^pod readiness-deployment-774f8b876f-hqx8x: READY 0\/1, STATUS Running, RESTARTS 0$/);
    expect(result.verdicts[2]).toBeUndefined();
    expect(cluster.deleted).toEqual(['rec-readiness-exec']);
  });

  it('runs the remaining steps after a failure with continueOnFailure', async () => {
    const { options } = await setup((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '5s' }];
    });
    const result = await runLab({ ...options, continueOnFailure: true });
    expect(result.verdicts.map((v) => v?.state)).toEqual(['passed', 'failed', 'passed']);
    expect(result.outcome).toBe('failed');
  });

  it('fails the step when an exec returns an unexpected exit code', async () => {
    const { cluster, options } = await setup();
    cluster.execResults = [{ exitCode: 1, stdout: '', stderr: "rm: can't remove '/tmp/healthy': No such file or directory" }];
    const result = await runLab(options);
    expect(result.verdicts[1]?.state).toBe('failed');
    expect(result.verdicts[1]?.reason).toContain('`rm /tmp/healthy` in pod readiness-deployment-774f8b876f-hqx8x exited 1, expected 0');
  });

  it('stops on interrupt, reports interrupted and cleans up', async () => {
    const { cluster, controller, options } = await setup();
    const result = await runLab({
      ...options,
      onEvent: (event) => {
        if (event.kind === 'stepStarted' && event.index === 1) controller.abort();
      },
    });
    expect(result.outcome).toBe('interrupted');
    expect(result.verdicts[1]?.reason).toBe('interrupted');
    expect(cluster.deleted).toEqual(['rec-readiness-exec']);
  });

  it('keeps the namespace with keep', async () => {
    const { cluster, options } = await setup();
    const result = await runLab({ ...options, keep: true });
    expect(cluster.deleted).toEqual([]);
    expect(result.cleanup).toEqual({ namespace: 'rec-readiness-exec', kept: true });
  });

  it('fails the lab when its timeout runs out', async () => {
    const { options } = await setup((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '10m' }];
    });
    const result = await runLab({ ...options, timeoutMs: 60_000 });
    expect(result.verdicts[1]?.reason).toBe("the lab's timeout of 1m ran out during this step.");
  });

  it('runs only the chosen steps in an existing namespace, creating, applying and deleting nothing', async () => {
    const recording = await readFixture('readiness-exec');
    const firstAction = recording.observations.find((o) => o.kind === 'action')!.at;
    const cluster = new RecordedCluster(recording, 'student-07', firstAction - 1);
    const { options } = await setup();
    const result = await runLab({ ...options, cluster, clock: cluster, namespace: 'student-07', steps: [1] });
    expect(result.verdicts.map((v) => v?.state)).toEqual([undefined, 'passed', undefined]);
    expect(result.namespace).toBe('student-07');
    expect(cluster.calls.map((call) => call.method)).toEqual(['watch', 'exec']);
    expect(cluster.calls[1]?.args[0]).toBe('student-07');
    expect(cluster.deleted).toEqual([]);
    expect(result.cleanup).toBeUndefined();
  });
});

describe('runLab when a watch is cut and resumes', () => {
  it('reports the outage once each way and says so in the reasons of the steps it overlapped', async () => {
    const { cluster, events, options } = await setup((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '20s' }];
    });
    cluster.scriptOutage('pods', cluster.firstActionAt + 2_000, cluster.firstActionAt + 6_500);
    const result = await runLab({ ...options, continueOnFailure: true });
    expect(result.watchGaps).toEqual([
      { kind: 'watchLost', at: cluster.firstActionAt + 2_000, resource: 'pods', cause: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' },
      { kind: 'watchResumed', at: cluster.firstActionAt + 6_500, resource: 'pods', downMs: 4_500, relist: { missed: 0 } },
    ]);
    expect(events.filter((event) => event.kind === 'watchHealth').map((event) => event.kind === 'watchHealth' && event.gap?.kind)).toEqual(['watchLost', 'watchResumed']);
    expect(result.verdicts[0]?.reason).toBeUndefined();
    expect(result.verdicts[1]?.reason).toBe(
      'pod $picked (readiness-deployment-774f8b876f-hqx8x) RESTARTS +1 was not seen within 20s; instead: RESTARTS 0 → 0. The pods watch was down for 4.5s of this step.',
    );
    // The verdict event the reports print carries the same reason as the result.
    const failedEvent = events.findLast((event) => event.kind === 'verdict' && event.index === 1);
    expect(failedEvent?.kind === 'verdict' && failedEvent.verdict.reason).toBe(result.verdicts[1]?.reason);
    expect(result.verdicts[2]?.reason).toBeUndefined();
  });

  it('leaves the reason of a step an interrupt ended as the reports expect it', async () => {
    const { cluster, controller, options } = await setup();
    cluster.scriptOutage('pods', cluster.firstActionAt + 1_000, cluster.firstActionAt + 60_000);
    const result = await runLab({
      ...options,
      onEvent: (event) => {
        if (event.kind === 'watchHealth' && event.gap?.kind === 'watchLost') controller.abort();
      },
    });
    expect(result.outcome).toBe('interrupted');
    expect(result.verdicts[1]?.reason).toBe('interrupted');
  });
});

describe('runLab in a namespace the user named (run -n)', () => {
  it('labels what it applies, watches only its pods, and on Ctrl-C deletes exactly that, never the namespace', async () => {
    const { cluster, controller, options } = await setup();
    cluster.applyResults = [[{ kind: 'Service', name: 'readiness-svc', namespace: 'rec-readiness-exec' }, { kind: 'Deployment', name: 'readiness-deployment', namespace: 'rec-readiness-exec' }]];
    const result = await runLab({
      ...options,
      into: 'rec-readiness-exec',
      onEvent: (event) => {
        if (event.kind === 'stepStarted' && event.index === 1) controller.abort();
      },
    });
    expect(result.outcome).toBe('interrupted');
    const methods = cluster.calls.map((call) => call.method);
    expect(methods).not.toContain('createLabNamespace');
    expect(methods).not.toContain('deleteNamespace');
    const apply = cluster.calls.find((call) => call.method === 'apply')!;
    const labels = apply.args[2] as Record<string, string>;
    const runId = labels['probelab.dev/run']!;
    expect(labels).toEqual({ 'app.kubernetes.io/managed-by': 'probelab', 'probelab.dev/lab': 'readiness-exec', 'probelab.dev/run': runId });
    expect(cluster.calls.find((call) => call.method === 'watch')!.args).toEqual(['rec-readiness-exec', `probelab.dev/run=${runId}`]);
    expect(cluster.calls.at(-1)).toEqual({ method: 'deleteApplied', args: ['rec-readiness-exec', ['Service/readiness-svc', 'Deployment/readiness-deployment'], `probelab.dev/run=${runId}`] });
    expect(result.cleanup).toMatchObject({ namespace: 'rec-readiness-exec', deleted: ['Service/readiness-svc', 'Deployment/readiness-deployment'] });
  });

  it('refuses a namespace that is not there, creating and applying nothing', async () => {
    const { cluster, options } = await setup();
    const result = await runLab({ ...options, into: 'elsewhere' });
    expect(result).toMatchObject({ outcome: 'error', errorExitCode: 2 });
    expect(result.error).toMatch(/^namespace elsewhere does not exist/);
    expect(cluster.calls).toEqual([]);
  });
});

describe('a fault waits for the probes to have looked at the container', () => {
  it('sends SIGUSR1 only once the liveness probe has had its first run (the early-fault recording’s race)', async () => {
    const loaded = await loadCatalogueLab('liveness-sigusr1');
    const recording = await readFixture('liveness-sigusr1-early-fault');
    const cluster = new RecordedCluster(recording);
    const events: RunEvent[] = [];
    let signalledAt: number | undefined;
    const signal = cluster.signal.bind(cluster);
    cluster.signal = async (...args) => {
      signalledAt = cluster.now();
      return signal(...args);
    };
    await runLab({ cluster, clock: cluster, loaded, autoWithin: () => 60_000, signal: new AbortController().signal, onEvent: (event) => events.push(event) });
    const startedAt = Date.parse('2026-12-02T15:30:31Z'); // the container's startedAt in the recording
    // initialDelaySeconds 5, then the first tick within one 5 s period, and its 1 s timeout.
    expect(signalledAt! - startedAt).toBeGreaterThanOrEqual(11_000);
    const notes = events.flatMap((event) => (event.kind === 'observation' && event.observation.kind === 'note' ? [event.observation.text] : []));
    // Before the signal, and again before step 3's wget: the restarted container's probe starts over.
    const waiting = /^waiting [\d.]+s before acting on liveness-app, until the liveness probe of liveness-app\/liveness: delay 5s, then its first tick within one 5s period \(\+1s timeout\) has had its first run$/;
    expect(notes).toEqual([expect.stringMatching(waiting), expect.stringMatching(waiting)]);
  });

  it('does not wait on a pod whose readiness probe has made it ready', async () => {
    const { events, options } = await setup();
    await runLab(options);
    expect(events.some((event) => event.kind === 'observation' && event.observation.kind === 'note')).toBe(false);
  });
});
