// probelab workshop check|verify. check runs the real runner against a test double of the whole
// cluster that plays real recordings (test/workshop/recorded-catalogue.ts); verify grades the exam
// class served by a read-only test double (test/verify/recorded-namespaces.ts), which also stands
// in for createCluster when main() is driven.

import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterOptions } from '../../src/cluster/cluster.js';
import { gradedLabs, runWorkshopCheck, runWorkshopVerify } from '../../src/commands/workshop.js';
import { EXIT } from '../../src/exit-codes.js';
import { main } from '../../src/main.js';
import { loadWorkshop } from '../../src/workshop/load.js';
import { repoRoot } from '../support/fixtures.js';
import { examClass } from '../verify/support.js';
import { classCluster, writeWorkshop } from '../workshop/support.js';
import { captureIo } from './io.js';

const connected = vi.hoisted(() => ({ cluster: undefined as unknown, options: [] as unknown[] }));
vi.mock('../../src/cluster/cluster.js', () => ({
  createCluster: async (options: unknown) => {
    connected.options.push(options);
    return connected.cluster;
  },
}));

const healthChecks = path.join(repoRoot, 'workshops/health-checks.yaml');

beforeEach(async () => {
  connected.cluster = await examClass();
  connected.options = [];
});

describe('runWorkshopCheck', () => {
  async function check(verbose = false) {
    const cluster = await classCluster();
    const out: string[] = [];
    const err: string[] = [];
    const connects: ClusterOptions[] = [];
    const code = await runWorkshopCheck(
      { file: writeWorkshop(), keep: false, verbose, cluster: { env: {}, guard: false } },
      {
        connect: async (options) => {
          connects.push(options);
          return cluster;
        },
        clockFor: (entry) => cluster.clock(entry.loaded.lab.metadata.name),
        signal: new AbortController().signal,
        out: (text) => out.push(text),
        err: (text) => err.push(text),
      },
    );
    return { code, out, err, connects };
  }

  it('rehearses with the guard on, says which labs would fail and why, exits as `probelab run` would', async () => {
    const { code, out, connects } = await check();
    expect(code).toBe(EXIT.cluster);
    expect(connects).toEqual([{ env: {}, guard: true }]);
    expect(out[0]).toBe('workshop rehearsal: rehearsing 5 labs on context kind-class (https://127.0.0.1:6443)');
    const finished = out.filter((line) => /^[✔✘] /.test(line));
    // As each lab finishes (two run at once, so not in the workshop's order).
    expect(finished.map((line) => line.split(':')[0]).sort()).toEqual(['✔ init-containers', '✔ liveness-exam', '✘ liveness-defaults failed', '✘ readiness-exec error', '✘ readiness-gate failed']);
    expect(finished.at(-1)).toBe('✔ init-containers');
    expect(finished.find((line) => line.startsWith('✘ liveness-defaults'))).toBe(
      '✘ liveness-defaults failed: step 1 "nginx runs with its liveness probe passing": pod nginx-pod-liveness cannot start its containers: ErrImagePull. Check the image name and that the cluster can pull it.',
    );
    expect(out.at(-1)).toBe('2 of 5 labs would run as written on context kind-class; 3 would not; 1 skipped');
    expect(out.some((line) => line.includes('step 1 ▶'))).toBe(false);
  });

  it('prints every lab’s event log with --verbose', async () => {
    const { out } = await check(true);
    expect(out).toContain('[liveness-exam] +0.0s liveness-exam namespace rec-liveness-exam created');
    expect(out.some((line) => line.startsWith('[init-containers] ') && line.includes('step 1 ▶'))).toBe(true);
  });
});

describe('probelab workshop verify', () => {
  it('grades every lab with a verify section over one namespace per student, with a lab column', async () => {
    const io = captureIo();
    expect(await main(['workshop', 'verify', healthChecks, '-n', 'student-correct'], io)).toBe(EXIT.failed);
    expect(io.stdout[0]).toBe('workshop health-checks in namespace student-correct (context kind-grading)');
    expect(io.stdout[1]).toMatch(/^ {3}POINTS {2}LAB +CHECK +REASON$/);
    const exam = io.stdout.filter((line) => / liveness-exam /.test(line));
    expect(exam).toHaveLength(7);
    expect(exam.every((line) => line.startsWith('✔'))).toBe(true);
    expect(io.stdout.find((line) => line.includes(' readiness-gate '))).toMatch(/^✘ +0\/2 +readiness-gate +the pod declares the readiness gate example.com\/feature-1 +pod sample-readinessgate not found in namespace student-correct$/);
    expect(connected.options).toEqual([expect.objectContaining({ guard: false })]);
  });

  it('names each lab’s checks in Korean with --lang ko', async () => {
    const io = captureIo();
    expect(await main(['workshop', 'verify', healthChecks, '-n', 'student-correct', '--lang', 'ko'], io)).toBe(EXIT.failed);
    expect(io.stdout.filter((line) => / liveness-exam /.test(line)).map((line) => line.split(/\s{2,}/)[3])).toContain('5초마다 프로브');
    expect(io.stdout.find((line) => line.includes(' readiness-gate '))).toContain('파드에 준비성 게이트 example.com/feature-1이 선언됨');
  });

  it('prints a class score table over all the labs’ checks', async () => {
    const io = captureIo();
    expect(await main(['workshop', 'verify', healthChecks, '--namespaces', 'student-*'], io)).toBe(EXIT.failed);
    const total = gradedLabs((await loadWorkshopOrThrow(healthChecks))).reduce((sum, lab) => sum + lab.verify.checks.reduce((s, c) => s + c.points, 0), 0);
    expect(io.stdout[0]).toBe('workshop health-checks: 3 namespaces (context kind-grading)');
    expect(io.stdout.slice(2, 5).map((line) => line.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['student-correct', `9/${String(total)} (${String(Math.floor((900 / total)))}%)`],
      ['student-partly-wrong', `8/${String(total)} (${String(Math.floor((800 / total)))}%)`],
      ['student-empty', `0/${String(total)} (0%)`],
    ]);
  });

  it('runWorkshopVerify connects without the guard through its dependency', async () => {
    const cluster = await examClass();
    const connects: ClusterOptions[] = [];
    const lines: string[] = [];
    const code = await runWorkshopVerify(
      { file: healthChecks, glob: 'student-c*', concurrency: 1, cluster: { env: {} } },
      {
        connect: async (options) => {
          connects.push(options);
          return cluster;
        },
        out: (text) => lines.push(text),
        err: (text) => lines.push(`ERR ${text}`),
        writeFile: async () => undefined,
        now: () => 0,
      },
    );
    expect(code).toBe(EXIT.failed);
    expect(connects).toEqual([{ env: {}, guard: false }]);
    expect(lines.at(-1)).toBe('0 of 1 namespaces passed every check');
  });
});

async function loadWorkshopOrThrow(file: string) {
  const result = await loadWorkshop(file);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.loaded;
}

describe('gradedLabs', () => {
  it("takes the shipped workshop's labs with a verify section, whose targets do not collide", async () => {
    expect(gradedLabs(await loadWorkshopOrThrow(healthChecks)).map((lab) => lab.name)).toEqual([
      'liveness-defaults',
      'liveness-always-500',
      'restart-never',
      'readiness-exec',
      'readiness-nginx-50x',
      'liveness-endpoints',
      'readiness-gate',
      'startup-probe',
      'init-containers',
      'lifecycle-hooks',
      'graceful-termination',
      'liveness-exam',
    ]);
  });

  it('refuses two labs grading the same object, since one namespace holds both', async () => {
    const workshop = await loadWorkshopOrThrow(healthChecks);
    const gate = workshop.entries.find((e) => e.loaded.lab.metadata.name === 'readiness-gate')!;
    gate.loaded.lab.spec.verify!.target = { pod: 'liveness-exam' };
    expect(() => gradedLabs(workshop)).toThrow('labs readiness-gate and liveness-exam both grade pod liveness-exam; one namespace per student cannot hold both');
  });
});

describe('probelab workshop (arguments)', () => {
  it.each([
    [['workshop'], 'expected `probelab workshop check <file>`'],
    [['workshop', 'grade', healthChecks], 'expected `probelab workshop check <file>`'],
    [['workshop', 'verify', healthChecks], "name the student's namespace with -n NAMESPACE"],
    [['workshop', 'check', healthChecks, '--parallel', '0'], '--parallel: expected a whole number >= 1, got "0"'],
    [['workshop', 'check', path.join(repoRoot, 'labs/liveness-exam.yaml')], 'kind: expected "Workshop", got "Lab"'],
  ])('refuses %j before connecting (exit 2)', async (argv, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toContain(message);
    expect(connected.options).toEqual([]);
  });
});
