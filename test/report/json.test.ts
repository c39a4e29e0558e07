// The JSON report, parsed back: schema version, ISO times that round-trip to the run's times,
// verdicts with items, the timeline, errors and cleanup, and nothing JSON cannot carry.

import { describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import { HeadlessLog } from '../../src/report/headless.js';
import { renderJson, REPORT_API_VERSION, type JsonReport } from '../../src/report/json.js';
import type { LabResult } from '../../src/runner/events.js';
import { nastyResult } from './made.js';
import { APPLY_ERROR, cutPodsWatch, expectRestart, recordedRun, refuseApply } from './runs.js';
import { loadCatalogueLab } from '../support/fixtures.js';
import { BROKEN, firstEventAt, handsOnRun, OTHERS, withoutTheMove } from '../runner/hands-on-runs.js';

const parse = (results: LabResult[], logs?: Map<string, string[]>): JsonReport => JSON.parse(renderJson(results, logs)) as JsonReport;
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : undefined);

/**
 * Every leaf is a string, a finite number, a boolean or null, and every time is ISO 8601 UTC (probelab's
 * own with milliseconds; a container's startedAt / finishedAt as the API server wrote it).
 */
function expectPlainJson(value: unknown, path = '$'): void {
  if (Array.isArray(value)) return value.forEach((item, index) => expectPlainJson(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/^(at|startedAt|finishedAt|deadline|firstSeen|lastSeen)$/.test(key) && typeof item === 'string') {
        expect(item, `${path}.${key}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      }
      expectPlainJson(item, `${path}.${key}`);
    }
    return;
  }
  expect(['string', 'number', 'boolean'].includes(typeof value) || value === null, `${path} is ${typeof value}`).toBe(true);
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
}

describe('renderJson', () => {
  it('carries a failing run: steps with verdicts and items, the timeline, cleanup and the log', async () => {
    const run = await recordedRun({ edit: expectRestart });
    const log = new HeadlessLog([{ name: 'readiness-exec', steps: run.stepNames }]);
    for (const event of run.events) log.lines('readiness-exec', event);
    const report = parse([run.result], log.logs());
    expectPlainJson(report);
    expect(report.apiVersion).toBe(REPORT_API_VERSION);
    expect(REPORT_API_VERSION).toBe('probelab.dev/report/v1');
    expect(report.summary).toEqual({ labs: 1, passed: 0, failed: 1, steps: { passed: 1, failed: 1, error: 0, skipped: 1 } });

    const lab = report.labs[0]!;
    const result = run.result;
    expect(lab).toMatchObject({ lab: 'readiness-exec', title: result.title, file: result.file, namespace: 'rec-readiness-exec', outcome: 'failed', durationMs: result.finishedAt - result.startedAt });
    expect(ms(lab.startedAt)).toBe(result.startedAt);
    expect(ms(lab.finishedAt)).toBe(result.finishedAt);
    expect(lab.cleanup).toEqual({ namespace: 'rec-readiness-exec', gone: true, waitedMs: 1200 });
    expect(lab.log).toEqual(log.log('readiness-exec'));

    expect(lab.steps.map((s) => [s.number, s.name, s.result])).toEqual([
      [1, 'all replicas become ready', 'passed'],
      [2, 'break one replica', 'failed'],
      [3, 'repair it', 'skipped'],
    ]);
    const failed = lab.steps[1]!;
    const verdict = result.verdicts[1]!;
    expect(failed).toMatchObject({ message: verdict.reason, evidence: verdict.evidence, cause: verdict.cause, durationMs: verdict.at! - verdict.startedAt });
    expect(ms(failed.startedAt)).toBe(verdict.startedAt);
    expect(ms(failed.finishedAt)).toBe(verdict.at);
    expect(failed.items.map((item) => [item.group, item.label, item.state, item.seen, ms(item.deadline)])).toEqual(
      verdict.items.map((item) => [item.group, item.label, item.state, item.seen, Number.isFinite(item.deadline) ? item.deadline : undefined]),
    );
    // A `never` item watches until the step ends: no deadline.
    expect(failed.items.find((item) => item.group === 'never')!.deadline).toBeNull();
    expect(lab.steps[2]).toEqual({ number: 3, name: 'repair it', result: 'skipped', message: 'not run: step 2 failed', evidence: [], items: [] });

    expect(lab.timeline).toHaveLength(result.transitions.length);
    lab.timeline.forEach((t, index) => {
      expect(t.kind).toBe(result.transitions[index]!.kind);
      expect(ms(t.at)).toBe(result.transitions[index]!.at);
    });
  });

  it('keeps a watch outage as two timeline entries among the transitions, and in the reasons of the steps it overlapped', async () => {
    const run = await recordedRun({ cluster: cutPodsWatch });
    const lab = parse([run.result]).labs[0]!;
    const gaps = lab.timeline.filter((entry) => entry.kind === 'watchLost' || entry.kind === 'watchResumed');
    const [lost, resumed] = run.result.watchGaps!;
    expect(gaps).toEqual([
      { kind: 'watchLost', at: new Date(lost!.at).toISOString(), resource: 'pods', cause: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' },
      { kind: 'watchResumed', at: new Date(resumed!.at).toISOString(), resource: 'pods', downMs: 4_500, relist: { missed: 0 } },
    ]);
    // Each goes before the first transition seen after it; the transitions keep their own order.
    for (const gap of gaps) {
      const index = lab.timeline.indexOf(gap);
      expect(lab.timeline.slice(0, index).every((entry) => entry.at <= gap.at)).toBe(true);
      expect(lab.timeline[index + 1]!.at > gap.at).toBe(true);
    }
    expect(lab.timeline.filter((entry) => entry.kind !== 'watchLost' && entry.kind !== 'watchResumed').map((entry) => entry.kind)).toEqual(run.result.transitions.map((t) => t.kind));
    expect(lab.steps[1]).toMatchObject({ result: 'passed', message: 'The pods watch was down for 4.5s of this step.' });
    expect(lab.steps[0]!.message).toBeUndefined();
  });

  it('keeps only READY / STATUS / RESTARTS of pod columns and drops raw event objects', async () => {
    const { result } = await recordedRun();
    const timeline = parse([result]).labs[0]!.timeline;
    const drop = timeline.find((t) => t.kind === 'readyChanged' && t.from === '1/1');
    expect(drop).toMatchObject({ kind: 'readyChanged', pod: 'readiness-deployment-774f8b876f-hqx8x', from: '1/1', to: '0/1', columns: { ready: '0/1', status: 'Running', restarts: '0' } });
    expect(Object.keys(drop!.kind === 'readyChanged' ? drop!.columns : {}).sort()).toEqual(['ready', 'restarts', 'status']);
    const unhealthy = timeline.filter((t) => t.kind === 'eventSeen' && t.event.reason === 'Unhealthy');
    expect(unhealthy.length).toBeGreaterThan(0);
    for (const t of unhealthy) {
      if (t.kind !== 'eventSeen') continue;
      expect(t.event).not.toHaveProperty('event');
      expect(t.event.message).toMatch(/^Readiness probe failed/);
      expect(ms(t.event.lastSeen)).toBeGreaterThan(0);
    }
    const actions = timeline.filter((t) => t.kind === 'action');
    expect(actions.map((t) => (t.kind === 'action' ? t.action.command : undefined))).toEqual([
      ['rm', '/tmp/healthy'],
      ['touch', '/tmp/healthy'],
    ]);
    // Each action also as the kubectl command that does the same, on the pod the selector picked.
    expect(actions.map((t) => (t.kind === 'action' ? t.action.kubectl : undefined))).toEqual([
      'kubectl -n rec-readiness-exec exec readiness-deployment-774f8b876f-hqx8x -- rm /tmp/healthy',
      'kubectl -n rec-readiness-exec exec readiness-deployment-774f8b876f-hqx8x -- touch /tmp/healthy',
    ]);
  });

  it("carries each item's predicted window, what it counts from, and where the item fell in it", async () => {
    const loaded = await loadCatalogueLab('readiness-exec');
    const { result } = await recordedRun({ options: { autoWithin: autoWithinFor(loaded) } });
    const report = parse([result]);
    expectPlainJson(report);
    const [first, second] = report.labs[0]!.steps;
    const verdict = result.verdicts[1]!;
    const ready = second!.items.find((i) => i.label.includes('READY 0/1'))!;
    expect(ready.window).toEqual({
      earliestMs: 6000,
      latestMs: 10_000,
      explanation: '3 failures × 3s period, +1s timeout',
      from: 'actions',
      after: '`rm /tmp/healthy`',
      reference: new Date(verdict.startedAt).toISOString(),
      seenMs: ms(ready.at)! - verdict.startedAt,
      relation: 'within',
    });
    // The first Unhealthy event comes with the first failed probe: the window of one failure.
    expect(second!.items.find((i) => i.label.includes('Unhealthy'))!.window).toMatchObject({ earliestMs: 0, latestMs: 4_000, relation: 'within' });
    // The never item has no window; a window from a container start has no reference and no outcome.
    expect(second!.items.find((i) => i.group === 'never')).not.toHaveProperty('window');
    expect(first!.items[0]!.window).toEqual({ earliestMs: 5000, latestMs: 9000, explanation: 'initialDelaySeconds 5s, 1 success × 3s period, +1s timeout', from: 'start', after: 'the container starts' });
  });

  it('reports an errored lab: its error, every step skipped, the namespace still cleaned up; and a kept namespace', async () => {
    const errored = await recordedRun({ cluster: refuseApply });
    const kept = await recordedRun({ options: { keep: true } });
    kept.result.lab = 'kept';
    const report = parse([errored.result, kept.result]);
    expect(report.summary).toMatchObject({ labs: 2, passed: 1, failed: 1 });
    const [lab, second] = report.labs;
    expect(lab).toMatchObject({ outcome: 'error', error: APPLY_ERROR, cleanup: { namespace: 'rec-readiness-exec', gone: true } });
    expect(lab!.steps.map((s) => [s.result, s.message])).toEqual(Array(3).fill(['skipped', `not run: the run stopped (${APPLY_ERROR})`]));
    expect(lab).not.toHaveProperty('log');
    expect(second!.cleanup).toEqual({ namespace: 'rec-readiness-exec', kept: true });
  });

  it('round-trips text that needs escaping', () => {
    const result = nastyResult();
    const report = parse([result]);
    expect(report.labs[0]!.steps[1]!.message).toBe(result.verdicts[1]!.reason);
    expect(report.labs[0]!.steps.map((s) => s.name)).toEqual(result.stepNames);
  });
});

describe('renderJson of a hands-on run', () => {
  it('carries each turn: the commands, what started the clock, the pod bound, and windows from the first sign', async () => {
    const { result, recording } = await handsOnRun('readiness-exec');
    const report = parse([result]);
    expectPlainJson(report);
    const [first, second] = report.labs[0]!.steps;
    expect(first!.handsOn).toBeUndefined();
    const unhealthy = firstEventAt(recording, 'Unhealthy', BROKEN);
    expect(second!.handsOn).toEqual({
      shownAt: new Date(result.handsOn![1]!.shownAt).toISOString(),
      commands: [{ kubectl: `kubectl -n rec-readiness-exec exec ${BROKEN} -- rm /tmp/healthy`, choice: { selector: 'app=readiness-deployment', pods: [BROKEN, ...OTHERS] } }],
      armedBy: 'sign',
      armedAt: new Date(unhealthy).toISOString(),
      firstSignAt: new Date(unhealthy).toISOString(),
      firstSign: { what: 'Unhealthy', pod: BROKEN },
      picked: [{ alias: '$picked', pod: BROKEN, provisional: false }],
    });
    const ready = second!.items.find((item) => item.label.startsWith('pod $picked'))!;
    expect(ready.window).toMatchObject({ after: 'the first sign', reference: new Date(unhealthy).toISOString(), relation: 'within' });
    // The learner's move is no action of probelab's.
    expect(report.labs[0]!.timeline.some((entry) => entry.kind === 'action')).toBe(false);
  });

  it('carries the hint of a wrong move in words', async () => {
    const { result } = await handsOnRun('readiness-exec', { recording: withoutTheMove });
    const step = parse([result]).labs[0]!.steps[1]!;
    expect(step.handsOn).toMatchObject({ armedBy: 'timeout', picked: [{ alias: '$picked', pod: BROKEN, provisional: true }] });
    expect(step.handsOn!.firstSignAt).toBeUndefined();
    expect(step.handsOn!.hint).toBe(`No sign of your move: still READY 1/1 in every pod of app=readiness-deployment. Did you run \`rm /tmp/healthy\` in one of them? kubectl -n rec-readiness-exec exec ${BROKEN} -- rm /tmp/healthy`);
    expect(step.result).toBe('failed');
  });
});
