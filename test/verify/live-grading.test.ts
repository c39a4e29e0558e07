// Live grading driven by recorded streams of a student's namespace (test/verify/student-streams.ts):
// the liveness exam student whose start pod is replaced by their answer, whose life is then the
// real cluster's recording. The stream is played by playRecording (what `exercise check --replay`
// uses) on a clock that moves only when the test says.

import { describe, expect, it } from 'vitest';
import type { WatchOptions } from '../../src/cluster/port.js';
import { createLimiter } from '../../src/verify/bounded.js';
import { passedEvery, type GradedLab } from '../../src/verify/grade.js';
import { startLiveGrading, type GradeUpdate, type LiveSource } from '../../src/verify/live-grading.js';
import { playRecording } from '../../src/verify/played-recording.js';
import { FakeClock } from '../replay/fake-clock.js';
import { examStudent, THINKING_MS } from './student-streams.js';

/** The names of the passing checks, per update. */
const passing = (update: GradeUpdate) => update.grade.checks.filter((c) => c.passed).map((c) => c.name);

async function examLive() {
  const stream = await examStudent();
  const clock = new FakeClock();
  const played = playRecording(stream.recording, 'student-07.jsonl', { clock });
  const reads: string[] = [];
  // Every read that does not come from the watch goes through here.
  const source: LiveSource = {
    connection: played.connection,
    watch: (options: WatchOptions) => played.watch(options),
    getObject: (ns, kind, name) => (reads.push(`get ${kind}/${name}`), played.getObject(ns, kind, name)),
    listPods: (ns, selector) => (reads.push(`list pods ${selector ?? ''}`), played.listPods(ns, selector)),
    listObjects: (ns, kind) => (reads.push(`list ${kind}`), played.listObjects(ns, kind)),
  };
  const updates: GradeUpdate[] = [];
  const errors: unknown[] = [];
  const labs: GradedLab[] = [{ name: 'liveness-exam', verify: stream.loaded.lab.spec.verify! }];
  const live = await startLiveGrading({ source, namespaces: ['student-07'], labs, concurrency: 4, onGrade: (u) => updates.push(u), onError: (e) => errors.push(e), now: () => clock.now() });
  const start = stream.recording.observations[0]!.at;
  /** Plays the recording up to `ms` after its start and lets the re-grades finish. */
  const playTo = async (ms: number) => {
    clock.advance(ms - (clock.now() - clock0));
    await live.settled();
  };
  const clock0 = clock.now();
  await live.settled();
  return { stream, live, updates, errors, reads, playTo, start, played };
}

describe('live grading of a recorded student stream', () => {
  it('re-grades on each change: ✘ with the start pod, spec checks ✔ when the answer lands, observed checks ✔ as the kubelet acts', async () => {
    const { live, updates, errors, playTo, start, stream } = await examLive();
    expect(updates).toHaveLength(1);
    expect(updates[0]!.cause).toBe('initial state');
    expect(updates[0]!.at).toBe(start);
    expect(passing(updates[0]!)).toEqual([]);
    expect(updates[0]!.grade.checks[0]!.reason).toBe('no livenessProbe on container busybox-container');

    await playTo(THINKING_MS);
    // The start pod is gone: every check says so.
    expect(updates.at(-1)!.cause).toBe('pods DELETED liveness-exam');
    expect(new Set(updates.at(-1)!.grade.checks.map((c) => c.reason))).toEqual(new Set(['pod liveness-exam not found in namespace student-07']));

    await playTo(THINKING_MS + 2_000);
    // The answer was applied: the five spec checks pass at once, the observed ones wait.
    const applied = updates.find((u) => u.at > stream.replacedAt && u.grade.checks[0]!.passed)!;
    expect(applied.cause).toMatch(/^pods (ADDED|MODIFIED) liveness-exam$/);
    expect(passing(applied)).toEqual(['liveness probe runs `ls /tmp/healthy`', 'first probe 10 s after start', 'probes every 5 s', 'one success is healthy', 'two failures mean restart']);
    expect(passedEvery(applied.grade)).toBe(false);

    await playTo(10 * 60_000);
    const reported = updates.find((u) => passing(u).includes('the probe reported the missing file'))!;
    expect(reported.cause).toBe('events ADDED liveness-exam.' + reported.cause.split('.').at(-1));
    const restarted = updates.find((u) => passing(u).includes('the kubelet restarted it for failing liveness'))!;
    expect(restarted.cause).toBe('pods MODIFIED liveness-exam');
    expect(restarted.at).toBeGreaterThan(reported.at);
    expect(updates.at(-1)!.grade.score).toEqual({ earned: 9, total: 9, passed: 7, failed: 0 });
    expect(passedEvery(updates.at(-1)!.grade)).toBe(true);
    expect(errors).toEqual([]);
    // Updates come in recorded order, each after the previous one, and only when something a student sees changed.
    expect(updates.map((u) => u.at)).toEqual([...updates.map((u) => u.at)].sort((a, b) => a - b));
    for (const [i, update] of updates.entries()) if (i > 0) expect(update.previous).toBe(updates[i - 1]!.grade);
    expect(updates.at(-1)!.at - start).toBeGreaterThan(THINKING_MS + 60_000);
    await live.stop();
  });

  it('reads nothing but the watch for the exam (no object checks) and grades nothing once the stream is quiet', async () => {
    const { live, updates, reads, playTo, played } = await examLive();
    await playTo(10 * 60_000);
    await played.ended;
    const count = updates.length;
    await playTo(60 * 60_000);
    expect(updates).toHaveLength(count);
    expect(reads).toEqual([]);
    await live.stop();
  });

  it('stops delivering and grading after stop()', async () => {
    const { live, updates, playTo } = await examLive();
    await live.stop();
    await playTo(10 * 60_000);
    expect(updates).toHaveLength(1);
  });
});

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order', async () => {
    const limit = createLimiter(2);
    const release: (() => void)[] = [];
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const task = (n: number) =>
      limit(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
        return n;
      });
    const all = Promise.all([1, 2, 3, 4, 5].map(task));
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    while (release.length > 0) {
      release.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
