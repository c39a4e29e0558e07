// The line log and the summary table, on runs of the readiness-exec lab replayed from a real
// recording, and on hand-made events for what that recording does not contain.

import { describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { Lab } from '../../src/lab/schema.js';
import { HeadlessLog, labHeader, summaryTable } from '../../src/report/headless.js';
import type { WatchHealth } from '../../src/cluster/port.js';
import type { RunEvent } from '../../src/runner/events.js';
import { WatchGaps } from '../../src/runner/watch-gaps.js';
import type { PodColumns } from '../../src/timeline/pod-columns.js';
import type { Transition } from '../../src/timeline/transitions.js';
import { madeResult, verdict } from './made.js';
import { APPLY_ERROR, expectRestart, recordedRun, refuseApply, type RecordedRun } from './runs.js';
import { loadCatalogueLab } from '../support/fixtures.js';

const PICKED = 'readiness-deployment-774f8b876f-hqx8x';

function logOf(run: RecordedRun, name = 'readiness-exec'): string[] {
  const log = new HeadlessLog([{ name, steps: run.stepNames }]);
  return run.events.flatMap((event) => log.lines(name, event));
}

/** Asserts that each pattern matches a line, in this order, and returns the matching lines. */
function inOrder(lines: string[], patterns: (string | RegExp)[]): string[] {
  let from = 0;
  return patterns.map((pattern) => {
    const index = lines.findIndex((line, i) => i >= from && (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)));
    expect(index, `no line matching ${String(pattern)} after line ${from}:\n${lines.slice(from).join('\n')}`).toBeGreaterThanOrEqual(0);
    from = index + 1;
    return lines[index]!;
  });
}

const seconds = (line: string) => Number(/^\+(\d+\.\d)s /.exec(line)?.[1]);

describe('HeadlessLog on a recorded run', () => {
  it('tells the story of a passing run in order, each line stamped with the time since the lab started', async () => {
    const run = await recordedRun();
    const lines = logOf(run);
    const story = inOrder(lines, [
      /^\+0\.0s readiness-exec namespace rec-readiness-exec created$/,
      /^\+0\.0s applied/,
      /^\+0\.0s step 1 ▶ all replicas become ready$/,
      /step 1 ✔ all replicas become ready \(\d+(\.\d)?s\)$/,
      /step 2 ▶ break one replica$/,
      `step 2 exec rm /tmp/healthy in ${PICKED} (exit 0)`,
      `event Warning Unhealthy (x3) Pod/${PICKED}: Readiness probe failed`,
      `pod ${PICKED} READY 1/1 → 0/1`,
      `endpoints readiness-svc: ${PICKED} ready → notReady`,
      /step 2 ✔ break one replica \(8\.7s\)$/,
      /step 3 ▶ repair it$/,
      `step 3 exec touch /tmp/healthy in ${PICKED} (exit 0)`,
      `pod ${PICKED} READY 0/1 → 1/1`,
      /step 3 ✔ repair it/,
      /cleanup: namespace rec-readiness-exec deleted \(1\.2s\)$/,
      /passed: 3\/3 steps passed in/,
    ]);
    // Under each action, the kubectl command that does the same, with the pod the selector picked.
    const rm = lines.findIndex((l) => l.endsWith(`step 2 exec rm /tmp/healthy in ${PICKED} (exit 0)`));
    expect(lines[rm + 1]).toBe(`    $ kubectl -n rec-readiness-exec exec ${PICKED} -- rm /tmp/healthy`);
    const touch = lines.findIndex((l) => l.endsWith(`step 3 exec touch /tmp/healthy in ${PICKED} (exit 0)`));
    expect(lines[touch + 1]).toBe(`    $ kubectl -n rec-readiness-exec exec ${PICKED} -- touch /tmp/healthy`);
    // Stamps come from the events: the READY drop is stamped with its transition's receive time.
    const started = run.events.find((e) => e.kind === 'started')!.at;
    const drop = run.result.transitions.find((t) => t.kind === 'readyChanged' && t.pod === PICKED && t.from === '1/1' && t.to === '0/1')!;
    expect(Math.abs(seconds(story[7]!) - (drop.at - started) / 1000)).toBeLessThanOrEqual(0.05 + 1e-9);
    // Verdict lines are stamped with the time the step passed.
    const passedAt = run.result.verdicts[1]!.at!;
    expect(Math.abs(seconds(story[9]!) - (passedAt - started) / 1000)).toBeLessThanOrEqual(0.05 + 1e-9);
  });

  it('prints a step line only when the step state changes, not on every verdict tick', async () => {
    const run = await recordedRun();
    const lines = logOf(run);
    const ticks = run.events.filter((e) => e.kind === 'verdict' && e.index === 1).length;
    expect(ticks).toBeGreaterThan(5);
    expect(lines.filter((line) => / step 2 [▶✔✘] /.test(line))).toHaveLength(2);
    expect(lines.filter((line) => / step \d [▶✔✘] /.test(line))).toHaveLength(6);
  });

  it('keeps only transitions of interest: preferred endpoint moves, new or repeated events, real column changes', async () => {
    const run = await recordedRun();
    const lines = logOf(run);
    const transitions = run.result.transitions;
    const endpointMoves = transitions.filter((t) => t.kind === 'endpointChanged' && t.preferred);
    expect(transitions.filter((t) => t.kind === 'endpointChanged').length).toBeGreaterThan(endpointMoves.length);
    expect(lines.filter((line) => /^\+\S+ endpoints readiness-svc: /.test(line))).toHaveLength(endpointMoves.length);
    const eventLines = lines.filter((line) => /^\+\S+ event Warning Unhealthy /.test(line));
    const repeats = transitions.filter((t) => t.kind === 'eventSeen' && t.event.reason === 'Unhealthy' && (t.isNew || t.event.count > t.previousCount));
    expect(eventLines).toHaveLength(repeats.length);
    expect(eventLines.map((line) => /\(x(\d+)\)/.exec(line)?.[1] ?? '1')).toEqual(repeats.map((t) => (t.kind === 'eventSeen' ? String(t.event.count) : '')));
    // The recording has readyChanged transitions where only the Ready condition appeared (0/1 → 0/1).
    const sameColumn = transitions.filter((t) => t.kind === 'readyChanged' && t.from === t.to);
    expect(sameColumn.length).toBeGreaterThan(0);
    expect(lines.filter((line) => /READY (\S+) → \1$/.test(line))).toEqual([]);
    expect(lines.some((line) => / PodScheduled | ContainersReady | Initialized /.test(line))).toBe(false);
  });

  it('prints a failed step with its reason and indented evidence, and nothing for steps that never ran', async () => {
    const run = await recordedRun({ edit: expectRestart });
    const lines = logOf(run);
    const failed = run.result.verdicts[1]!;
    const at = lines.findIndex((line) => line.includes('step 2 ✘'));
    expect(lines[at]).toMatch(/^\+\d+\.\ds step 2 ✘ break one replica \(20s\) — /);
    expect(lines[at]!.endsWith(` — ${failed.reason!}`)).toBe(true);
    expect(failed.evidence.length).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 1 + failed.evidence.length)).toEqual(failed.evidence.map((line) => `    ${line}`));
    expect(lines.some((line) => line.includes('step 3'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^\+\d+\.\ds failed: 1\/3 steps passed in /);
  });

  it('prints the step a run abandoned on interrupt, which ends without a verdict event', async () => {
    const run = await recordedRun({ interruptWhen: (event) => event.kind === 'stepStarted' && event.index === 1 });
    expect(run.result.outcome).toBe('interrupted');
    const lines = logOf(run);
    inOrder(lines, [/step 2 ▶ break one replica$/, /cleanup: /, /step 2 ✘ break one replica \(.+\) — interrupted$/, /^\+\d+\.\ds interrupted: 1\/3 steps passed in /]);
  });

  it('reports a lab whose apply failed: the error, the cleanup, no step', async () => {
    const run = await recordedRun({ cluster: refuseApply });
    const lines = logOf(run);
    expect(run.result.outcome).toBe('error');
    inOrder(lines, [/namespace rec-readiness-exec created$/, /cleanup: namespace rec-readiness-exec deleted/, `error: ${APPLY_ERROR}`, /error: 0\/3 steps passed/]);
    expect(lines.some((line) => line.includes(' step '))).toBe(false);
  });
});

describe('HeadlessLog: expectations met, their windows, and the steps explained', () => {
  async function predictedRun(edit?: (lab: Lab) => void): Promise<{ run: RecordedRun; lines: string[] }> {
    const loaded = await loadCatalogueLab('readiness-exec');
    const run = await recordedRun({ edit, options: { autoWithin: autoWithinFor(loaded) } });
    const log = new HeadlessLog([labHeader(loaded)]);
    return { run, lines: run.events.flatMap((event) => log.lines('readiness-exec', event)) };
  }

  it('prints each item as it is met, stamped when it was, with where that fell in its predicted window', async () => {
    const { run, lines } = await predictedRun();
    const started = run.events.find((e) => e.kind === 'started')!.at;
    const ready = run.result.verdicts[1]!.items.find((i) => i.label.includes('READY 0/1'))!;
    const [unhealthy, readyLine, passed] = inOrder(lines, [
      `step 2 ✓ event Warning Unhealthy on $picked (${PICKED}) "/Readiness probe failed/": seen at 2.7 s, predicted 0–4 s after \`rm /tmp/healthy\` (1 failure × 3s period, +1s timeout)`,
      `step 2 ✓ pod $picked (${PICKED}) READY 0/1: seen at 8.7 s, predicted 6–10 s after \`rm /tmp/healthy\` (3 failures × 3s period, +1s timeout)`,
      /step 2 ✔ break one replica/,
    ]);
    expect(seconds(readyLine!)).toBeCloseTo(Math.round((ready.at! - started) / 100) / 10, 5);
    expect(seconds(unhealthy!)).toBeLessThan(seconds(readyLine!));
    expect(seconds(passed!)).toBeGreaterThanOrEqual(seconds(readyLine!));
    // Once each, however many verdicts the step had.
    expect(lines.filter((line) => line.includes('✓ pod $picked') && line.includes('READY 0/1'))).toHaveLength(1);
    // A window from a container start, which probelab does not time, is named, not measured against.
    expect(lines).toContainEqual(expect.stringMatching(/step 1 ✓ deployment readiness-deployment available 3: seen 5\.6 s into the step, predicted 5–9 s after the container starts \(initialDelaySeconds 5s/));
  });

  it("follows each settled step with its explanation, as the author wrote it, after any evidence", async () => {
    const { lines } = await predictedRun();
    const at = lines.findIndex((line) => / step 2 ✔ break one replica /.test(line));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '    Three failures 3 s apart, so up to about 9 s after the `rm`. The other two replicas keep',
      '    serving: the Deployment counts one unavailable pod, and does not replace it.',
    ]);
    const failing = await predictedRun(expectRestart);
    const failed = failing.run.result.verdicts[1]!;
    const verdictLine = failing.lines.findIndex((line) => line.includes('step 2 ✘'));
    expect(failing.lines[verdictLine + failed.evidence.length + 1]).toBe('    Three failures 3 s apart, so up to about 9 s after the `rm`. The other two replicas keep');
  });
});

describe('HeadlessLog with several labs', () => {
  it('prefixes every line with its lab, counts time per lab, and keeps each lab log unprefixed', async () => {
    const good = await recordedRun();
    const bad = await recordedRun({ edit: expectRestart });
    const log = new HeadlessLog([
      { name: 'good', steps: good.stepNames },
      { name: 'bad', steps: bad.stepNames },
    ]);
    // Interleave the two runs as a parallel run delivers them: each in its own order, the bad one
    // behind by 3 s.
    const queues = { good: [...good.events], bad: [...bad.events] };
    const lines: string[] = [];
    while (queues.good.length + queues.bad.length > 0) {
      const lab = queues.bad.length === 0 || (queues.good.length > 0 && queues.good[0]!.at <= queues.bad[0]!.at + 3_000) ? 'good' : 'bad';
      lines.push(...log.lines(lab, queues[lab].shift()!));
    }
    expect(lines.slice(0, 10).some((line) => line.startsWith('[bad]'))).toBe(false);
    expect(lines.slice(-20).some((line) => line.startsWith('[good]'))).toBe(true);
    expect(lines.every((line) => /^\[(good|bad)\] (\+\d+\.\ds |    )/.test(line))).toBe(true);
    expect(lines).toContain('[good] +0.0s good namespace rec-readiness-exec created');
    expect(lines).toContain('[bad] +0.0s bad namespace rec-readiness-exec created');
    const prefixedBad = lines.filter((line) => line.startsWith('[bad] ')).map((line) => line.slice('[bad] '.length));
    expect(log.log('bad')).toEqual(prefixedBad);
    // A lab's own log does not depend on what ran beside it.
    expect(log.logs().get('good')).toEqual(logOf(good, 'good'));
    expect(lines.filter((line) => line.includes('✘'))).toEqual([expect.stringMatching(/^\[bad\] \+\d+\.\ds step 2 ✘ /)]);
  });
});

function columns(name: string, ready: string, status: string, restarts = '0'): PodColumns {
  return { name, ready, readyContainers: Number(ready[0]), totalContainers: Number(ready[2]), status, restarts, restartCount: Number(restarts[0]), age: '1m', ip: '10.0.0.1', node: 'n', readinessGates: '<none>' };
}

describe('HeadlessLog on hand-made events', () => {
  const T = 1_000_000;
  const start: RunEvent = { kind: 'started', at: T, lab: 'hooks', namespace: 'probelab-hooks-q1w2e' };
  const observe = (at: number, transitions: Transition[]): RunEvent => ({ kind: 'observation', at, observation: { kind: 'note', at, text: 'x' }, transitions });

  it('describes terminations, restarts, readiness gates and relisted changes; skips the rest', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: ['kill it'] }]);
    log.lines('hooks', start);
    const c = columns('web-0', '0/1', 'Error', '1');
    const lines = log.lines('hooks', observe(T + 31_000, [
      { kind: 'containerTerminated', at: T + 31_000, pod: 'web-0', columns: c, container: 'app', init: false, termination: { exitCode: 137, reason: 'Error', message: 'killed\nby kubelet' }, seenIn: 'lastState', restartCount: 1 },
      { kind: 'restarted', at: T + 31_000, pod: 'web-0', columns: c, container: 'app', init: false, from: 0, to: 1 },
      { kind: 'startedChanged', at: T + 31_000, pod: 'web-0', columns: c, container: 'app', init: false, from: true, to: false },
      { kind: 'conditionChanged', at: T + 31_000, pod: 'web-0', columns: c, type: 'example.com/feature-1', from: 'False', to: 'True', readinessGate: true },
      { kind: 'conditionChanged', at: T + 31_000, pod: 'web-0', columns: c, type: 'ContainersReady', from: 'True', to: 'False', readinessGate: false },
      { kind: 'readyChanged', at: T + 31_000, pod: 'web-0', columns: columns('web-0', '1/1', 'Running'), from: '1/1', to: '1/1', readyCondition: { from: 'False', to: 'True' } },
      { kind: 'statusChanged', at: T + 31_000, synthetic: true, pod: 'web-0', columns: c, from: 'Running', to: 'Error' },
      { kind: 'deploymentChanged', at: T + 31_000, deployment: 'web' },
    ]));
    expect(lines).toEqual([
      '+31.0s pod web-0 container app terminated: exit code 137, Error: killed by kubelet',
      '+31.0s pod web-0 RESTARTS 0 → 1 (container app)',
      '+31.0s pod web-0 readiness gate example.com/feature-1 False → True',
      '+31.0s pod web-0 Ready condition False → True (READY 1/1)',
      '+31.0s pod web-0 STATUS Running → Error (from a relist)',
    ]);
  });

  it('prints one line when a watch is cut and one when it is back, not each reconnect attempt', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: [] }]);
    log.lines('hooks', start);
    const gaps = new WatchGaps();
    const health = (at: number, h: WatchHealth): string[] => {
      const gap = gaps.note(h, at);
      return log.lines('hooks', { kind: 'watchHealth', at, health: h, ...(gap ? { gap } : {}) });
    };
    const refused = { state: 'reconnecting', resource: 'pods', since: T + 30_100, reason: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' } as const;
    expect(health(T, { state: 'connecting', resource: 'pods' })).toEqual([]);
    expect(health(T + 100, { state: 'connected', resource: 'pods', since: T + 100 })).toEqual([]);
    expect(health(T + 30_100, { ...refused, attempt: 1 })).toEqual(['+30.1s watch pods lost: connection refused (ECONNREFUSED); resuming from resourceVersion 4711']);
    expect(health(T + 31_000, { ...refused, attempt: 2 })).toEqual([]);
    expect(health(T + 34_600, { state: 'connected', resource: 'pods', since: T + 34_600, relist: { missed: 0 } })).toEqual(['+34.6s watch pods resumed after 4.5s (relist: 0 changes missed)']);
    expect(health(T + 40_000, { state: 'reconnecting', resource: 'events', since: T + 40_000, attempt: 1, reason: '410 Gone (too old resource version: 4711 (4800))' })).toEqual([
      '+40.0s watch events lost: 410 Gone (too old resource version: 4711 (4800)); relisting',
    ]);
    expect(health(T + 40_200, { state: 'connected', resource: 'events', since: T + 40_200, relist: { missed: 1 } })).toEqual(['+40.2s watch events resumed after 0.2s (relist: 1 change missed)']);
    expect(health(T + 50_000, { ...refused, attempt: 1, reason: 'inactivity timer: no data for 330 s (connection presumed dead)' })).toEqual([
      '+50.0s watch pods lost: inactivity timer: no data for 330 s (connection presumed dead); resuming from resourceVersion 4711',
    ]);
    expect(health(T + 50_300, { state: 'connected', resource: 'pods', since: T + 50_300 })).toEqual(['+50.3s watch pods resumed after 0.3s (from resourceVersion 4711: nothing missed)']);
  });

  it('says which watches were still down when the run ended', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: ['a'] }]);
    log.lines('hooks', start);
    const result = madeResult({
      lab: 'hooks',
      stepNames: ['a'],
      verdicts: [verdict('a', 'passed', 0, 1_000)],
      outcome: 'passed',
      watchGaps: [
        { kind: 'watchLost', at: T + 2_000, resource: 'pods', cause: 'connection refused (ECONNREFUSED)', resourceVersion: '7' },
        { kind: 'watchLost', at: T + 2_000, resource: 'events', cause: 'connection refused (ECONNREFUSED)', resourceVersion: '7' },
        { kind: 'watchResumed', at: T + 2_500, resource: 'events', downMs: 500, resourceVersion: '7' },
      ],
    });
    expect(log.lines('hooks', { kind: 'finished', at: T + 3_000, result }).filter((line) => line.includes('watch'))).toEqual(['+3.0s watch pods still down when the run ended (lost at +2.0s)']);
  });

  it('adds what qualifies a passed step (a watch outage) to its line', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: ['a'] }]);
    log.lines('hooks', start);
    const passed = verdict('a', 'passed', 0, 9_000, { reason: 'The pods watch was down for 4.5s of this step.' });
    expect(log.lines('hooks', { kind: 'verdict', at: passed.at!, index: 0, verdict: passed }).at(-1)).toMatch(/ step 1 ✔ a \(9s\) — The pods watch was down for 4\.5s of this step\.$/);
  });

  it('tells how to delete a kept namespace, and stamps an early error from the run start', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: ['a'] }]);
    log.lines('hooks', start);
    expect(log.lines('hooks', { kind: 'cleanup', at: T + 5_000, cleanup: { namespace: 'probelab-hooks-q1w2e', kept: true } })).toEqual([
      '+5.0s kept: delete it later with kubectl delete namespace probelab-hooks-q1w2e',
    ]);
    const early = new HeadlessLog([{ name: 'hooks', steps: ['a'] }]);
    const result = madeResult({ lab: 'hooks', stepNames: ['a'], verdicts: [undefined], outcome: 'error', error: 'namespaces is forbidden: User "dev" cannot create resource "namespaces"', namespace: undefined });
    expect(early.lines('hooks', { kind: 'finished', at: result.finishedAt, result })).toEqual([
      '+42.0s error: namespaces is forbidden: User "dev" cannot create resource "namespaces"',
      '+42.0s error: 0/1 steps passed in 42s',
    ]);
  });

  it('folds multi-line text and shows control characters instead of sending them to the terminal', () => {
    const log = new HeadlessLog([{ name: 'hooks', steps: ['a'] }]);
    log.lines('hooks', start);
    const failed = verdict('a', 'failed', 0, 2_000, { reason: 'line one\nline two \u001b[31mred', evidence: ['x\ty'] });
    const lines = log.lines('hooks', { kind: 'stepStarted', at: failed.startedAt, index: 0, verdict: failed });
    expect(lines.slice(1)).toEqual([expect.stringMatching(/ step 1 ✘ a \(2s\) — line one line two \\u001b\[31mred$/), '    x y']);
  });
});

describe('summaryTable', () => {
  it('aligns LAB / STEPS / RESULT / DURATION / NAMESPACE and ends with "N passed, M failed"', async () => {
    const good = (await recordedRun()).result;
    const errored = madeResult({ lab: 'startup-probe-with-a-long-name', stepNames: ['a', 'b'], verdicts: [undefined, undefined], outcome: 'error', error: 'boom', namespace: undefined });
    const interrupted = madeResult({ lab: 'x', stepNames: ['a', 'b'], verdicts: [verdict('a', 'passed', 0, 1000), verdict('b', 'failed', 1000, 500, { reason: 'interrupted' })], outcome: 'interrupted' });
    const lines = summaryTable([good, errored, interrupted]).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAB +STEPS +RESULT +DURATION +NAMESPACE$/);
    const columnStarts = (line: string) => [...line.matchAll(/(?<=^|  )\S/g)].map((m) => m.index);
    for (const row of lines.slice(1, 4)) expect(columnStarts(row)).toEqual(columnStarts(lines[0]!));
    expect(lines[1]!.split(/ +/)).toEqual(['readiness-exec', '3/3', 'passed', '27s', 'rec-readiness-exec']);
    expect(lines[2]!.split(/ +/)).toEqual(['startup-probe-with-a-long-name', '0/2', 'error', '42s', '-']);
    expect(lines[3]!.split(/ +/)).toEqual(['x', '1/2', 'interrupted', '42s', 'probelab-x-abcde']);
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(lines).toHaveLength(5);
  });
});
