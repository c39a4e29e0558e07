// `probelab run` end to end through the command layer, with a test double of the cluster port
// that answers with the readiness-exec recording from a real cluster (test/runner/recorded-cluster.ts).

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptSignal } from '../../src/commands/interrupt.js';
import { runCommand } from '../../src/commands/run.js';
import { UnreachableError } from '../../src/cluster/errors.js';
import { parseRecording } from '../../src/recording/format.js';
import { readFixture, repoRoot } from '../support/fixtures.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';
import { captureIo } from './io.js';

async function run(args: string[], values: Record<string, string | boolean | string[]> = {}) {
  const cluster = new RecordedCluster(await readFixture('readiness-exec'));
  const io = captureIo();
  const code = await runCommand({ positionals: args, values }, io, { connect: async () => cluster, clock: cluster });
  return { code, io, cluster };
}

describe('probelab run (headless, recorded cluster)', () => {
  it('passes readiness-exec, prints a line per event and the summary, exit 0', async () => {
    const { code, io, cluster } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true });
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/step 2 .*✔ break one replica/);
    expect(out).toMatch(/pod readiness-deployment-774f8b876f-hqx8x READY 1\/1 → 0\/1/);
    expect(out).toMatch(/^1 passed, 0 failed$/m);
    expect(cluster.deleted).toEqual(['rec-readiness-exec']);
  });

  it('prints a JUnit report on stdout and moves the line log to stderr', async () => {
    const { code, io } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true, reporter: 'junit' });
    expect(code).toBe(0);
    const xml = io.stdout.join('\n');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('<testsuite name="readiness-exec" tests="3" failures="0"');
    expect(io.stderr.join('\n')).toMatch(/✔ break one replica/);
  });

  it('writes the report, the recording and the HTML timeline to files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probelab-run-'));
    const { code } = await run([`${repoRoot}labs/readiness-exec.yaml`], { headless: true, reporter: 'json', output: join(dir, 'r.json'), record: join(dir, 'r.jsonl'), html: join(dir, 'r.html') });
    expect(code).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html.startsWith('<!doctype html>') || html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('readiness-deployment-774f8b876f-hqx8x'.slice(0, 20));
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as { labs: { outcome: string }[] };
    expect(report.labs.map((lab) => lab.outcome)).toEqual(['passed']);
    const recording = parseRecording(await readFile(join(dir, 'r.jsonl'), 'utf8'));
    expect(recording.header.scenario).toBe('readiness-exec');
    expect(recording.header.expect?.map((e) => e.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(recording.observations.filter((o) => o.kind === 'action').map((o) => (o.kind === 'action' ? o.command : []))).toEqual([['rm', '/tmp/healthy'], ['touch', '/tmp/healthy']]);
  });

  it('exits 1 when a step fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probelab-run-'));
    const lab = (await readFile(`${repoRoot}labs/readiness-exec.yaml`, 'utf8')).replaceAll('../manifests/', `${repoRoot}manifests/`).replace('restarts: { increase: 1 }', 'restarts: 0\n          ready: "1/1"');
    await writeFile(join(dir, 'readiness-exec.yaml'), lab);
    const { code, io } = await run([join(dir, 'readiness-exec.yaml')], { headless: true });
    expect(code).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/^0 passed, 1 failed$/m);
  });

  it('exits 2 without running anything when a lab file is invalid', async () => {
    const cluster = new RecordedCluster(await readFixture('readiness-exec'));
    const io = captureIo();
    await expect(runCommand({ positionals: [`${repoRoot}test/lab/malformed/ready-not-ratio.yaml`], values: { headless: true } }, io, { connect: async () => cluster, clock: cluster })).rejects.toMatchObject({
      exitCode: 2,
      message: 'fix the lab files above first; nothing was run',
    });
    expect(io.stderr.join('\n')).toContain('ready-not-ratio.yaml:21:18 spec.steps[1].expect[0].ready: expected "N/M", got "ready"');
    expect(cluster.calls).toEqual([]);
  });

  it('rejects an unknown reporter with exit 2', async () => {
    await expect(run([`${repoRoot}labs/readiness-exec.yaml`], { reporter: 'xml' })).rejects.toThrow('--reporter: expected one of line, junit, json, tap, got "xml"');
  });

  it('exits 3 when the cluster cannot be reached', async () => {
    const io = captureIo();
    await expect(
      runCommand({ positionals: [`${repoRoot}labs/readiness-exec.yaml`], values: {} }, io, {
        connect: async () => {
          throw new UnreachableError('https://127.0.0.1:6443', 'connection refused');
        },
        clock: { now: () => 0, sleep: async () => undefined },
      }),
    ).rejects.toMatchObject({ exitCode: 3, message: 'cannot reach the API server https://127.0.0.1:6443: connection refused' });
  });
});

describe('a second Ctrl-C', () => {
  it('exits at once with 130, saying what may be left and how to delete it', () => {
    const io = captureIo();
    const exits: number[] = [];
    const interrupt = interruptSignal(io, () => ['namespace probelab-x-abcde: kubectl delete namespace probelab-x-abcde (or probelab clean)'], (code) => exits.push(code));
    try {
      interrupt.exitNow();
    } finally {
      interrupt.dispose();
    }
    expect(exits).toEqual([130]);
    expect(io.stderr).toEqual(['exiting before cleanup finished:', '  namespace probelab-x-abcde: kubectl delete namespace probelab-x-abcde (or probelab clean)']);
  });
});
