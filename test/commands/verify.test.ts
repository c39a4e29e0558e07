// probelab verify through main() and runVerify, grading the exam class served by a test double
// of the Cluster port's read side (test/verify/recorded-namespaces.ts): no cluster is reachable
// here, so createCluster is replaced by one that hands out that double.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterOptions } from '../../src/cluster/cluster.js';
import { runVerify } from '../../src/commands/verify.js';
import { EXIT } from '../../src/exit-codes.js';
import { main } from '../../src/main.js';
import { readFixture, repoRoot } from '../support/fixtures.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';
import { examClass } from '../verify/support.js';
import { cellWidth } from '../../src/ui/text.js';
import { StreamedClass } from '../verify/streamed-class.js';
import { examClassStreams } from '../verify/student-streams.js';
import { captureIo } from './io.js';

const connected = vi.hoisted(() => ({ cluster: undefined as unknown, options: [] as unknown[] }));
vi.mock('../../src/cluster/cluster.js', () => ({
  createCluster: async (options: unknown) => {
    connected.options.push(options);
    return connected.cluster;
  },
}));

const exam = `${repoRoot}labs/liveness-exam.yaml`;

beforeEach(async () => {
  connected.cluster = await examClass();
  connected.options = [];
});

describe('probelab verify (main)', () => {
  it('grades one namespace: a line per check with what to fix, the score, exit 1; connects without the guard', async () => {
    const io = captureIo();
    expect(await main(['verify', exam, '-n', 'student-partly-wrong', '--context', 'kind-grading'], io)).toBe(EXIT.failed);
    expect(io.stdout).toEqual([
      'liveness-exam in namespace student-partly-wrong (context kind-grading)',
      '   POINTS  CHECK                                          REASON',
      '✔  2/2     liveness probe runs `ls /tmp/healthy`          livenessProbe uses exec; livenessProbe.exec.command is [ls, /tmp/healthy]',
      '✔  1/1     first probe 10 s after start                   livenessProbe.initialDelaySeconds is 10',
      '✘  0/1     probes every 5 s                               livenessProbe.periodSeconds is 10, expected 5',
      '✔  1/1     one success is healthy                         livenessProbe.successThreshold is 1',
      '✔  1/1     two failures mean restart                      livenessProbe.failureThreshold is 2',
      '✔  2/2     the kubelet restarted it for failing liveness  RESTARTS 1; Killing event: Container busybox-container failed liveness probe, will be restarted',
      '✔  1/1     the probe reported the missing file            Unhealthy event (x2): Liveness probe failed: ls: /tmp/healthy: No such file or directory',
      'score 8/9 (88%): 6 of 7 checks passed',
    ]);
    expect(connected.options).toEqual([expect.objectContaining({ context: 'kind-grading', guard: false })]);
  });

  it('exits 0 when every check passes', async () => {
    const io = captureIo();
    expect(await main(['verify', exam, '-n', 'student-correct'], io)).toBe(EXIT.ok);
    expect(io.stdout.at(-1)).toBe('score 9/9 (100%): 7 of 7 checks passed');
  });

  it('grades every namespace matching a glob into a score table, best first', async () => {
    const io = captureIo();
    expect(await main(['verify', exam, '--namespaces', 'student-*', '--parallel', '2'], io)).toBe(EXIT.failed);
    expect(io.stdout).toEqual([
      'liveness-exam: 3 namespaces (context kind-grading)',
      'NAMESPACE             SCORE       PASSED  FAILED  FIRST FAILING CHECK',
      'student-correct       9/9 (100%)  7       0       -',
      'student-partly-wrong  8/9 (88%)   6       1       probes every 5 s: livenessProbe.periodSeconds is 10, expected 5',
      'student-empty         0/9 (0%)    0       7       liveness probe runs `ls /tmp/healthy`: pod liveness-exam not found in namespace student-empty',
      '1 of 3 namespaces passed every check',
    ]);
  });

  it('writes a grade book, its format taken from the extension, for namespaces chosen by label', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'probelab-verify-')), 'grades.csv');
    const io = captureIo();
    expect(await main(['verify', exam, '-l', 'course=k8s-101', '--output', file], io)).toBe(EXIT.failed);
    expect(io.stdout.at(-1)).toBe(`grade book (csv) written to ${file}`);
    expect(readFileSync(file, 'utf8').split('\r\n').slice(1, 4).map((row) => row.split(',').slice(0, 4).join(','))).toEqual([
      'student-correct,9,9,100',
      'student-empty,0,9,0',
      'student-partly-wrong,8,9,88',
    ]);
  });

  it('names the checks in Korean with --lang ko or a Korean locale, columns aligned by terminal cells; the grade book stays English', async () => {
    const io = captureIo({ env: { LANG: 'ko_KR.UTF-8' } });
    expect(await main(['verify', exam, '-n', 'student-partly-wrong', '--format', 'json'], io)).toBe(EXIT.failed);
    const table = io.stderr.slice(1, -1);
    expect(table.map((line) => line.split(/\s{2,}/)[2])).toEqual(['CHECK', '활성 프로브가 `ls /tmp/healthy`를 실행', '시작 10초 뒤 첫 프로브', '5초마다 프로브', '한 번 성공하면 정상', '두 번 실패하면 재시작', '활성 프로브 실패로 kubelet이 재시작함', '프로브가 파일이 없다고 알림']);
    // REASON starts in the same terminal column on every row, however wide the Korean name.
    const reasonAt = (line: string) => cellWidth(line.slice(0, line.indexOf(line.split(/\s{2,}/)[3]!)));
    expect(new Set(table.map(reasonAt)).size).toBe(1);
    expect(JSON.parse(io.stdout[0]!).namespaces[0].checks.map((c: { name: string }) => c.name)[2]).toBe('probes every 5 s');
    const en = captureIo({ env: { LANG: 'ko_KR.UTF-8' } });
    await main(['verify', exam, '-n', 'student-partly-wrong', '--lang', 'en'], en);
    expect(en.stdout[4]).toMatch(/^✘ +0\/1 +probes every 5 s +livenessProbe.periodSeconds is 10, expected 5$/);
  });

  it('prints a --format grade book on stdout and moves the table to stderr', async () => {
    const io = captureIo();
    expect(await main(['verify', exam, '-n', 'student-correct', '--format', 'json'], io)).toBe(EXIT.ok);
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0]!).namespaces[0].score).toEqual({ earned: 9, total: 9, passed: 7, failed: 0, percent: 100 });
    expect(io.stderr.at(-1)).toBe('score 9/9 (100%): 7 of 7 checks passed');
  });

  it.each([
    [['verify', exam], "name the student's namespace with -n NAMESPACE"],
    [['verify', exam, '-n', 'student-*'], "-n takes one namespace name; for a pattern use --namespaces 'student-*'"],
    [['verify', exam, '-n', 'a', '--namespaces', 'b*'], 'use either -n NAMESPACE or --namespaces/-l, not both'],
    [['verify', exam, '-n', 'a', '--format', 'xml'], '--format: expected one of json, junit, csv, got "xml"'],
    [['verify', '-n', 'a'], 'name one lab file'],
    [['verify', `${repoRoot}labs/liveness-nginx.yaml`, '-n', 'a'], 'has no verify section'],
  ])('refuses %j before connecting (exit 2)', async (argv, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toContain(message);
    expect(connected.options).toEqual([]);
  });

  it('says so when no namespace matches (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['verify', exam, '--namespaces', 'team-*'], io)).toBe(EXIT.badInput);
    expect(io.stderr).toEqual(["probelab verify: no namespace matches the name pattern 'team-*' in context kind-grading"]);
  });
});

describe('runVerify', () => {
  it('takes the cluster from its connect dependency and writes the grade book through writeFile', async () => {
    const cluster = await examClass();
    const lines: string[] = [];
    const files = new Map<string, string>();
    const connects: ClusterOptions[] = [];
    const code = await runVerify(
      { lab: exam, glob: 'student-*', format: 'junit', output: 'grades.xml', concurrency: 8, cluster: { env: {}, guard: true } },
      {
        out: (text) => lines.push(text),
        err: (text) => lines.push(`ERR ${text}`),
        writeFile: async (file, text) => void files.set(file, text),
        now: () => Date.parse('2026-11-21T21:00:00Z'),
        connect: async (options) => {
          connects.push(options);
          return cluster;
        },
      },
    );
    expect(code).toBe(EXIT.failed);
    expect(connects).toEqual([{ env: {}, guard: false }]);
    expect(lines.at(-1)).toBe('grade book (junit) written to grades.xml');
    expect(files.get('grades.xml')).toContain('<testsuite name="student-partly-wrong" tests="7" failures="1" errors="0">');
  });

  it('--exercise runs the fault steps in the named namespace with the guard on, then grades', async () => {
    const recording = await readFixture('readiness-exec');
    const firstAction = recording.observations.find((o) => o.kind === 'action')!.at;
    const acting = new RecordedCluster(recording, 'student-07', firstAction - 1);
    const lines: string[] = [];
    const connects: ClusterOptions[] = [];
    const code = await runVerify(
      { lab: `${repoRoot}labs/readiness-exec.yaml`, namespace: 'student-07', exercise: true, concurrency: 1, cluster: { env: {} } },
      {
        out: (text) => lines.push(text),
        err: (text) => lines.push(`ERR ${text}`),
        writeFile: async () => undefined,
        now: () => 0,
        clock: acting,
        connect: async (options) => {
          connects.push(options);
          return acting;
        },
        connectToAct: async (options) => {
          connects.push(options);
          return acting;
        },
      },
    );
    expect(connects.map((options) => options.guard)).toEqual([true, false]);
    expect(lines[0]).toBe('exercising student-07: steps 2, 3 of readiness-exec');
    expect(lines.some((line) => /✔ break one replica/.test(line))).toBe(true);
    expect(lines.some((line) => /✔ repair it/.test(line))).toBe(true);
    expect(acting.calls.filter((call) => call.method === 'exec').map((call) => call.args.slice(0, 2))).toEqual([
      ['student-07', 'readiness-deployment-774f8b876f-hqx8x'],
      ['student-07', 'readiness-deployment-774f8b876f-hqx8x'],
    ]);
    expect(acting.calls.map((call) => call.method)).not.toContain('deleteNamespace');
    // The double serves no objects to read, so grading then finds no Deployment.
    expect(code).toBe(EXIT.failed);
  });

  it('--exercise refuses a class selection', async () => {
    await expect(
      runVerify({ lab: exam, glob: 'student-*', exercise: true, concurrency: 1, cluster: { env: {} } }, { out: () => undefined, err: () => undefined, writeFile: async () => undefined, now: () => 0, connect: async () => connected.cluster as never }),
    ).rejects.toThrow("--exercise injects faults into one student's pod: name the namespace with -n, not --namespaces or -l");
  });
});

/** Moves the class's time on a second at a time, letting each re-grade finish before the next second. */
async function playSecondBySecond(cls: StreamedClass, end: number): Promise<void> {
  while (cls.time < end) {
    cls.advanceTo(Math.min(end, cls.time + 1000));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('probelab verify --watch (the live class table)', () => {
  async function watchedClass() {
    const { start, end, streams } = await examClassStreams();
    const cls = new StreamedClass(start);
    for (const [namespace, observations] of streams) cls.add(namespace, observations);
    connected.cluster = cls;
    return { cls, end };
  }

  it('grades each student as their watch reports changes, a few watches opened at a time, until Ctrl-C (130) and the final table', async () => {
    const { cls, end } = await watchedClass();
    const io = captureIo();
    const watching = main(['verify', exam, '--namespaces', 'student-*', '--watch', '--parallel', '2'], io);
    await vi.waitFor(() => expect(io.stdout).toHaveLength(3));
    expect([...io.stdout].sort()).toEqual([
      '+0.0s student-07 0/9 (0%)  first failing: liveness probe runs `ls /tmp/healthy`: no livenessProbe on container busybox-container',
      '+0.0s student-08 0/9 (0%)  first failing: liveness probe runs `ls /tmp/healthy`: no livenessProbe on container busybox-container',
      '+0.0s student-09 9/9 (100%)  every check passes',
    ]);
    expect(cls.mostOpeningAtOnce).toBe(2);
    expect(cls.watched.sort()).toEqual(['student-07', 'student-08', 'student-09']);
    await playSecondBySecond(cls, end);
    expect(io.stdout.at(-1)).toBe('+92.1s student-07 9/9 (100%)  ✔ the kubelet restarted it for failing liveness');
    expect(io.stdout.slice(3, 6)).toEqual([
      '+20.0s student-07 0/9 (0%)  first failing: liveness probe runs `ls /tmp/healthy`: pod liveness-exam not found in namespace student-07',
      '+21.0s student-07 6/9 (66%)  ✔ liveness probe runs `ls /tmp/healthy`, ✔ first probe 10 s after start, ✔ probes every 5 s, ✔ one success is healthy, ✔ two failures mean restart',
      '+56.3s student-07 7/9 (77%)  ✔ the probe reported the missing file',
    ]);
    process.emit('SIGINT');
    expect(await watching).toBe(EXIT.interrupted);
    expect(io.stdout.slice(-6)).toEqual([
      'liveness-exam: 3 namespaces (context kind-class)',
      'NAMESPACE   SCORE       PASSED  FAILED  FIRST FAILING CHECK',
      'student-07  9/9 (100%)  7       0       -',
      'student-09  9/9 (100%)  7       0       -',
      'student-08  0/9 (0%)    0       7       liveness probe runs `ls /tmp/healthy`: no livenessProbe on container busybox-container',
      '2 of 3 namespaces passed every check',
      'stopped',
    ].slice(-6));
    // Only the namespace list was read: every grade came from the watches.
    expect(cls.reads).toEqual(['list (cluster) Namespace']);
  });

  it('-n: the live checklist of one student ends by itself with exit 0 once every check passes', async () => {
    const { cls, end } = await watchedClass();
    const io = captureIo();
    const watching = main(['verify', exam, '-n', 'student-07', '--watch'], io);
    await vi.waitFor(() => expect(io.stdout.at(-1)).toBe('watching namespace student-07: each change re-grades it (Ctrl-C stops)'));
    expect(io.stdout[0]).toBe('liveness-exam in namespace student-07 (context kind-class)');
    await playSecondBySecond(cls, end);
    expect(await watching).toBe(EXIT.ok);
    expect(io.stdout.at(-1)).toBe('every check passes: score 9/9 (100%): 7 of 7 checks passed');
    expect(cls.watched).toEqual(['student-07']);
  });

  it.each([
    [['--exercise'], '--watch and --exercise do not go together'],
    [['--output', 'grades.csv'], '--watch shows live grades; write a grade book with a separate run'],
  ])('refuses --watch with %j before connecting (exit 2)', async (extra, message) => {
    const io = captureIo();
    expect(await main(['verify', exam, '-n', 'student-07', '--watch', ...extra], io)).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toContain(message);
    expect(connected.options).toEqual([]);
  });
});
