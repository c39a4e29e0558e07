// The live checklist and class table as lines, from the grades live grading produced for the
// recorded exam student (test/verify/student-streams.ts), at 100 columns and at 60.

import { describe, expect, it } from 'vitest';
import type { NamespaceGrade } from '../../src/verify/grade.js';
import { startLiveGrading, type GradeUpdate } from '../../src/verify/live-grading.js';
import { playRecording } from '../../src/verify/played-recording.js';
import { liveGradesLines, type LiveGradesProps, type LiveGradesState } from '../../src/ui/live-grades.js';
import type { Line } from '../../src/ui/lines.js';
import { FakeClock } from '../replay/fake-clock.js';
import { examStudent } from '../verify/student-streams.js';

const text = (line: Line) => line.segments.map((s) => s.text).join('');

async function examUpdates(): Promise<GradeUpdate[]> {
  const stream = await examStudent();
  const clock = new FakeClock();
  const updates: GradeUpdate[] = [];
  const live = await startLiveGrading({
    source: playRecording(stream.recording, 'student-07.jsonl', { clock }),
    namespaces: ['student-07'],
    labs: [{ name: 'liveness-exam', verify: stream.loaded.lab.spec.verify! }],
    concurrency: 1,
    onGrade: (update) => updates.push(update),
    onError: (error) => {
      throw error;
    },
  });
  for (let second = 0; second < 100; second++) {
    clock.advance(1000);
    await live.settled();
  }
  await live.stop();
  return updates;
}

const single: LiveGradesProps = { command: 'exercise check', heading: { title: 'liveness-exam', context: 'kind-class', withLab: false, single: true }, connection: { context: 'kind-class', server: 'https://127.0.0.1:6443' } };

function stateAt(updates: GradeUpdate[], index: number, extra: Partial<LiveGradesState> = {}): LiveGradesState {
  const update = updates[index]!;
  const turned = new Set(update.grade.checks.flatMap((c, i) => (update.previous && update.previous.checks[i]!.passed !== c.passed ? [i] : [])));
  return { grades: [update.grade], startedAt: updates[0]!.at, last: { namespace: 'student-07', cause: update.cause, at: update.at, turned }, watch: {}, ...extra };
}

describe('the live checklist', () => {
  it('marks each check ✔ or ✘ in its colour, highlights the ones the last change turned, and names that change', async () => {
    const updates = await examUpdates();
    const applied = updates.findIndex((u) => u.cause === 'pods ADDED liveness-exam');
    const lines = liveGradesLines(stateAt(updates, applied), single, 130, 40);
    expect(lines.map(text)).toEqual([
      'probelab  exercise check · liveness-exam',
      'ctx kind-class  ns student-07  +21.0s pods ADDED liveness-exam',
      '',
      '   POINTS  CHECK                                          REASON',
      '✔  2/2     liveness probe runs `ls /tmp/healthy`          livenessProbe uses exec; livenessProbe.exec.command is [ls,',
      '                                                          /tmp/healthy]',
      '✔  1/1     first probe 10 s after start                   livenessProbe.initialDelaySeconds is 10',
      '✔  1/1     probes every 5 s                               livenessProbe.periodSeconds is 5',
      '✔  1/1     one success is healthy                         livenessProbe.successThreshold is 1',
      '✔  1/1     two failures mean restart                      livenessProbe.failureThreshold is 2',
      '✘  0/2     the kubelet restarted it for failing liveness  the pod has not restarted yet (RESTARTS 0); it should restart once its',
      '                                                          livenessProbe (exec [ls, /tmp/healthy]) fails; no Killing event saying',
      '                                                          "failed liveness probe" for pod liveness-exam yet',
      '✘  0/1     the probe reported the missing file            no Unhealthy event saying "Liveness probe failed: ls: /tmp/healthy" for',
      '                                                          pod liveness-exam yet',
      'score 6/9 (66%): 5 of 7 checks passed',
      '',
      'each change in the namespace re-grades it · q stops',
    ]);
    const glyphs = lines.filter((l) => /^[✔✘]$/.test(l.segments[0]?.text ?? '')).map((l) => l.segments[0]!);
    expect(glyphs.map((g) => [g.text, g.tone, Boolean(g.highlight)])).toEqual([
      ['✔', 'ok', true],
      ['✔', 'ok', true],
      ['✔', 'ok', true],
      ['✔', 'ok', true],
      ['✔', 'ok', true],
      ['✘', 'bad', false],
      ['✘', 'bad', false],
    ]);
  });

  it('at 80 columns puts each reason under its check, and at 24 rows keeps only the failing ones, the frame a row short', async () => {
    const updates = await examUpdates();
    const applied = updates.findIndex((u) => u.cause === 'pods ADDED liveness-exam');
    const tall = liveGradesLines(stateAt(updates, applied), single, 80, 60).map(text);
    expect(tall.slice(3, 6)).toEqual(['   POINTS  CHECK', '✔  2/2     liveness probe runs `ls /tmp/healthy`', '     livenessProbe uses exec; livenessProbe.exec.command is [ls, /tmp/healthy]']);
    expect(tall.every((row) => row.length <= 80)).toBe(true);
    const short = liveGradesLines(stateAt(updates, applied), single, 80, 24).map(text);
    expect(short.length).toBeLessThanOrEqual(23);
    expect(short.slice(4, 16)).toEqual([
      '✔  2/2     liveness probe runs `ls /tmp/healthy`',
      '✔  1/1     first probe 10 s after start',
      '✔  1/1     probes every 5 s',
      '✔  1/1     one success is healthy',
      '✔  1/1     two failures mean restart',
      '✘  0/2     the kubelet restarted it for failing liveness',
      '     the pod has not restarted yet (RESTARTS 0); it should restart once its',
      '     livenessProbe (exec [ls, /tmp/healthy]) fails; no Killing event saying',
      '     "failed liveness probe" for pod liveness-exam yet',
      '✘  0/1     the probe reported the missing file',
      '     no Unhealthy event saying "Liveness probe failed: ls: /tmp/healthy" for pod',
      '     liveness-exam yet',
    ]);
    // Seven failing reasons in 24 rows: each keeps one line, cut at the width.
    const failing = liveGradesLines(stateAt(updates, 0), single, 80, 24).map(text);
    expect(failing.length).toBeLessThanOrEqual(23);
    expect(failing.filter((row) => row.startsWith('     '))).toHaveLength(7);
    expect(failing).toContain('     the pod has not restarted yet (RESTARTS 0); container busybox-container ha…');
    // In 18 rows only the ✔/✘ rows are left.
    const tiny = liveGradesLines(stateAt(updates, 0), single, 80, 18).map(text);
    expect(tiny.length).toBeLessThanOrEqual(17);
    expect(tiny.filter((row) => row.startsWith('     '))).toEqual([]);
    expect(tiny.filter((row) => row.startsWith('✘'))).toHaveLength(7);
  });

  it('ends with the outcome, and says so when the watch reconnects', async () => {
    const updates = await examUpdates();
    const lines = liveGradesLines(
      stateAt(updates, updates.length - 1, { outcome: 'passed', watch: { 'student-07/pods': { state: 'reconnecting', resource: 'pods', since: 0, attempt: 2, reason: 'ECONNRESET' } } }),
      single,
      120,
    );
    expect(text(lines[1]!)).toBe('ctx kind-class  ns student-07  watch reconnecting (pods, attempt 2)  +92.1s pods MODIFIED liveness-exam');
    // Narrower, the last change gives way to the watch's health.
    expect(text(liveGradesLines(stateAt(updates, updates.length - 1, { watch: { 'student-07/pods': { state: 'reconnecting', resource: 'pods', since: 0, attempt: 2, reason: 'ECONNRESET' } } }), single, 90)[1]!)).toBe(
      'ctx kind-class  ns student-07  watch reconnecting (pods, attempt 2)',
    );
    expect(lines.at(-3)!.segments[0]).toMatchObject({ text: 'score 9/9 (100%): 7 of 7 checks passed', tone: 'ok' });
    expect(lines.at(-1)!.segments[0]).toEqual({ text: '✔ every check passes', tone: 'ok', bold: true });
  });

  it('fits 60 columns: the header drops what does not fit, rows are cut by the renderer', async () => {
    const updates = await examUpdates();
    const lines = liveGradesLines(stateAt(updates, 0), single, 60);
    expect(text(lines[0]!)).toBe('probelab  exercise check · liveness-exam');
    expect(text(lines[1]!).length).toBeLessThanOrEqual(60);
    expect(text(lines[1]!)).toContain('ns student-07');
  });
});

describe('the live class table', () => {
  it('lists every namespace best first, passed ones in green, the one that changed last highlighted', async () => {
    const updates = await examUpdates();
    const rename = (grade: NamespaceGrade, namespace: string): NamespaceGrade => ({ ...grade, namespace, checks: grade.checks.map((c) => ({ ...c })) });
    const grades = [updates.at(-2)!.grade, rename(updates[0]!.grade, 'student-08'), rename(updates.at(-1)!.grade, 'student-09')];
    const props: LiveGradesProps = { ...single, command: 'verify', heading: { ...single.heading, single: false } };
    const lines = liveGradesLines({ grades, startedAt: updates[0]!.at, last: { namespace: 'student-07', cause: updates.at(-2)!.cause, at: updates.at(-2)!.at, turned: new Set() }, watch: {} }, props, 120);
    expect(lines.map(text).slice(0, 2)).toEqual(['probelab  verify · liveness-exam', expect.stringMatching(/^ctx kind-class  3 namespaces  \+61\.3s student-07: events ADDED liveness-exam\.[0-9a-f]+$/)]);
    expect(lines.slice(4, 7).map((l) => [text(l).split(/\s{2,}/)[0], l.segments[0]!.tone, Boolean(l.segments[0]!.highlight)])).toEqual([
      ['student-09', 'ok', false],
      ['student-07', undefined, true],
      ['student-08', undefined, false],
    ]);
    expect(text(lines[7]!)).toBe('1 of 3 namespaces passed every check');
  });
});
