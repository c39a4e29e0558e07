// The TAP 14 report, read back line by line with a strict TAP reader (tap-reader.ts).

import { describe, expect, it } from 'vitest';
import { renderTap } from '../../src/report/tap.js';
import { madeResult, nastyResult } from './made.js';
import { APPLY_ERROR, cutPodsWatch, expectRestart, recordedRun, refuseApply } from './runs.js';
import { readTap } from './tap-reader.js';

describe('renderTap', () => {
  it('writes a test point per lab with a 4-space subtest per step; failures carry YAML diagnostics', async () => {
    const good = await recordedRun();
    const bad = await recordedRun({ edit: expectRestart });
    bad.result.lab = 'readiness-exec-broken';
    const text = renderTap([good.result, bad.result]);
    expect(text.split('\n').slice(0, 4)).toEqual(['TAP version 14', '1..2', '# Subtest: readiness-exec', '    1..3']);
    const tap = readTap(text);
    expect(tap.points.map((p) => [p.ok, p.description, p.subtest?.plan])).toEqual([
      [true, 'readiness-exec', 3],
      [false, 'readiness-exec-broken', 3],
    ]);
    expect(tap.points[0]!.subtest!.points.map((p) => [p.ok, p.description, p.directive, p.diagnostic])).toEqual(good.stepNames.map((name) => [true, name, undefined, undefined]));

    const [first, second, third] = tap.points[1]!.subtest!.points;
    expect(first).toMatchObject({ ok: true, description: 'all replicas become ready' });
    const verdict = bad.result.verdicts[1]!;
    expect(second).toMatchObject({ ok: false, description: 'break one replica' });
    expect(second!.diagnostic).toMatchObject({ message: verdict.reason, severity: 'fail', duration: '20s', evidence: verdict.evidence });
    expect(second!.diagnostic!.items).toEqual(verdict.items.map((item) => ({ label: item.label, group: item.group, state: item.state, seen: item.seen })));
    expect(third).toMatchObject({ ok: true, description: 'repair it', directive: { kind: 'skip', reason: 'not run: step 2 failed' } });
    expect(tap.points[1]!.diagnostic).toMatchObject({ message: '1 of 3 steps did not pass', outcome: 'failed', namespace: 'rec-readiness-exec' });
  });

  it('lists watch outages in the lab point\'s diagnostic, also when the lab passed', async () => {
    const run = await recordedRun({ cluster: cutPodsWatch });
    const [lost, resumed] = run.result.watchGaps!;
    const stamp = (at: number) => `+${((at - run.result.startedAt) / 1000).toFixed(1)}s`;
    const lab = readTap(renderTap([run.result])).points[0]!;
    expect(lab.ok).toBe(true);
    expect(lab.diagnostic).toEqual({
      watch: [
        `${stamp(lost!.at)} watch pods lost: connection refused (ECONNREFUSED); resuming from resourceVersion 4711`,
        `${stamp(resumed!.at)} watch pods resumed after 4.5s (relist: 0 changes missed)`,
      ],
    });
  });

  it('fails the lab point with the error when the lab broke down outside its steps', async () => {
    const run = await recordedRun({ cluster: refuseApply });
    const lab = readTap(renderTap([run.result])).points[0]!;
    expect(lab).toMatchObject({ ok: false, description: 'readiness-exec', diagnostic: { message: APPLY_ERROR, outcome: 'error' } });
    expect(lab.subtest!.points.map((p) => [p.ok, p.directive?.kind])).toEqual(Array(3).fill([true, 'skip']));
  });

  it('gives an interrupted step an error severity', async () => {
    const run = await recordedRun({ interruptWhen: (event) => event.kind === 'stepStarted' && event.index === 1 });
    const steps = readTap(renderTap([run.result])).points[0]!.subtest!.points;
    expect(steps[1]).toMatchObject({ ok: false, diagnostic: { message: 'interrupted', severity: 'error' } });
  });

  it('escapes # and \\ in names so they are not read as directives, and keeps text exact in YAML', () => {
    const result = nastyResult();
    const text = renderTap([result]);
    expect(text).toContain('    not ok 2 - step \\# two \\\\ with a hash\n');
    const steps = readTap(text).points[0]!.subtest!.points;
    expect(steps.map((p) => p.description)).toEqual(result.stepNames);
    expect(steps[1]!.directive).toBeUndefined();
    expect(steps[1]!.diagnostic!.message).toBe(result.verdicts[1]!.reason);
    expect(steps[2]!.directive).toEqual({ kind: 'skip', reason: 'not run: step 2 failed' });
  });

  it('writes a plan of 1..0 for a lab without steps and for no labs', () => {
    expect(renderTap([])).toBe('TAP version 14\n1..0\n');
    const empty = readTap(renderTap([madeResult({ lab: 'none', stepNames: [], verdicts: [], outcome: 'passed' })]));
    expect(empty.points[0]).toMatchObject({ ok: true, subtest: { plan: 0, points: [] } });
  });
});

describe('the TAP reader itself', () => {
  it('rejects streams that break the TAP 14 rules probelab relies on', () => {
    expect(() => readTap('TAP version 13\n1..0\n')).toThrow(/TAP version 14/);
    expect(() => readTap('TAP version 14\n1..2\nok 1 - a\n')).toThrow(/plan 1..2 but 1 test points/);
    expect(() => readTap('TAP version 14\n1..1\n# Subtest: a\n    1..0\nok 1 - b\n')).toThrow(/closed by test point "b"/);
    expect(() => readTap('TAP version 14\n1..1\nok 1 - a # b\n')).toThrow(/unescaped #/);
    expect(() => readTap('TAP version 14\n1..1\nnot ok 1 - a\n  ---\n  message: x\n')).toThrow(/unterminated YAML/);
  });
});
