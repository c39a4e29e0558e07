// Every real-cluster recording in ../shared/fixtures, judged by the catalogue lab of the same
// name, must come out as its header says (every header step says "pass"), and a lab that asks
// for something the recording does not show must fail with a reason.

import { describe, expect, it } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import { stepMargin, wantedMarginMs } from '../../src/expect/margin.js';
import type { Lab } from '../../src/lab/schema.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import type { RunEvent } from '../../src/runner/events.js';
import { fixtureNames, loadCatalogueLab, readFixture } from '../support/fixtures.js';

const names = await fixtureNames();

// A recording is judged by the lab of its scenario, as `probelab replay` does by default.
async function judge(name: string, edit?: (lab: Lab) => void) {
  const recording = await readFixture(name);
  const loaded = await loadCatalogueLab(recording.header.scenario);
  const lab = structuredClone(loaded.lab);
  edit?.(lab);
  return { recording, ...judgeRecording(lab, recording, autoWithinFor({ ...loaded, lab })) };
}

describe('replaying the real-cluster fixtures with the catalogue labs', () => {
  it('has a fixture for every scenario it expects', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it.each(names)('%s is judged as its header says', async (name) => {
    const { recording, verdicts } = await judge(name);
    const wanted = recording.header.expect ?? [];
    expect(wanted.length).toBeGreaterThan(0);
    const failed = verdicts.filter((v) => v?.state === 'failed').map((v) => `${v!.step}: ${v!.reason}`);
    if (wanted.every((step) => step.verdict === 'pass')) {
      expect(failed).toEqual([]);
      // Every step the recording demonstrates is covered by at least one passing lab step.
      expect(verdicts.filter((v) => v?.state === 'passed').length).toBeGreaterThanOrEqual(wanted.length);
    } else {
      expect(failed.length).toBeGreaterThan(0);
    }
  });
});

describe('every step passes with room to spare', () => {
  // A pass with under max(1 s, 10 % of the window) left before a deadline is a flaky lab: a slower
  // run of the same lab on the same cluster would fail.
  it.each(names)('%s: each passed step leaves max(1s, 10%% of its window) before its deadline', async (name) => {
    const { verdicts } = await judge(name);
    const tight = verdicts.flatMap((verdict) => {
      const margin = verdict && stepMargin(verdict);
      return margin && margin.marginMs < wantedMarginMs(margin.windowMs) ? [`${verdict.step}: ${margin.item} latched ${margin.marginMs} ms before its deadline (window ${margin.windowMs} ms)`] : [];
    });
    expect(tight).toEqual([]);
    expect(verdicts.some((verdict) => verdict && stepMargin(verdict))).toBe(true);
  });
});

describe('a lab that expects what the recording does not show fails', () => {
  it('readiness-exec: a readiness failure is not a restart', async () => {
    const { verdicts } = await judge('readiness-exec', (lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '10s' }];
    });
    expect(verdicts[1]?.state).toBe('failed');
    expect(verdicts[1]?.reason).toMatch(/RESTARTS \+1 was not seen within 10s; instead: RESTARTS 0 → 0\.$/);
  });

  it('liveness-exam: the shell as PID 1 dies of SIGKILL (137), not SIGTERM (143)', async () => {
    const { verdicts } = await judge('liveness-exam', (lab) => {
      const last = lab.spec.steps.at(-1)!;
      last.expect = [{ pod: 'liveness-exam', lastState: { exitCode: 143 }, within: '34s' }];
    });
    const verdict = verdicts.find((v) => v?.state === 'failed');
    expect(verdict?.reason).toMatch(/last state exit 143 was not seen within 34s; instead: last state Error \(exit 137\)\./);
  });

  it('readiness-exec: a never guard fails the step when it happens', async () => {
    const { verdicts } = await judge('readiness-exec', (lab) => {
      lab.spec.steps[1]!.never = [{ pod: '$picked', ready: '0/1' }];
    });
    expect(verdicts[1]?.state).toBe('failed');
    expect(verdicts[1]?.reason).toMatch(/READY 0\/1 happened, which this step does not allow \(READY 0\/1\)\.$/);
  });

  it('readiness-exec: a step the recording leaves before its deadline is undetermined, not passed', async () => {
    const { verdicts } = await judge('readiness-exec', (lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '5m' }];
    });
    expect(verdicts[1]?.state).toBe('pending');
    expect(verdicts[1]?.reason).toMatch(/^the recording moves on to the next action at \+26s, before this step's deadline at \+5m\d+s; still waiting for: pod \$picked/);
    expect(verdicts[2]).toBeUndefined();
  });

  it('init-containers: a sequence out of order does not pass', async () => {
    const { verdicts } = await judge('init-containers', (lab) => {
      lab.spec.steps[0]!.sequence = [
        { pod: 'sample-initcontainer', status: 'Init:1/2' },
        { pod: 'sample-initcontainer', status: 'Init:0/2' },
      ];
      lab.spec.steps[0]!.expect = undefined;
      lab.spec.steps[0]!.within = '15s';
    });
    expect(verdicts[0]?.state).toBe('failed');
    expect(verdicts[0]?.reason).toMatch(/STATUS Init:0\/2 \(sequence item 2 of 2\) was not seen within 15s/);
  });
});

describe('a replay as run events', () => {
  it('emits what a live run of readiness-exec would have shown, in recorded time', async () => {
    const loaded = await loadCatalogueLab('readiness-exec');
    const recording = await readFixture('readiness-exec');
    const events: RunEvent[] = [];
    const { result } = judgeRecording(loaded.lab, recording, autoWithinFor(loaded), { onEvent: (event) => events.push(event), file: loaded.file });
    const kinds = events.map((event) => event.kind);
    expect(kinds[0]).toBe('started');
    expect(kinds.at(-1)).toBe('finished');
    expect(events.filter((event) => event.kind === 'stepStarted').map((event) => (event.kind === 'stepStarted' ? event.index : -1))).toEqual([0, 1, 2]);
    expect(events.filter((event) => event.kind === 'action').map((event) => (event.kind === 'action' ? event.result.command : []))).toEqual([['rm', '/tmp/healthy'], ['touch', '/tmp/healthy']]);
    expect(events.every((event, i) => i === 0 || event.at >= events[i - 1]!.at)).toBe(true);
    expect(events.filter((event) => event.kind === 'observation')).toHaveLength(recording.observations.length);
    expect(result.outcome).toBe('passed');
    expect(result.transitions.some((t) => t.kind === 'readyChanged' && t.from === '1/1' && t.to === '0/1')).toBe(true);
  });
});
