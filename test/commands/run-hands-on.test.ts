// `probelab run --hands-on` through the command layer: against the recorded-cluster double whose
// recorded actions stand in for the learner's, and with --replay, where the recording itself is
// played as the cluster in recorded time (a fake wall clock here, so nothing waits).

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/run.js';
import { systemClock } from '../../src/runner/clock.js';
import { FakeClock } from '../replay/fake-clock.js';
import { fixturesDir, readFixture, repoRoot } from '../support/fixtures.js';
import { RecordedCluster } from '../runner/recorded-cluster.js';
import { captureIo } from './io.js';

const LAB = `${repoRoot}labs/readiness-exec.yaml`;
const RECORDING = `${fixturesDir}readiness-exec.jsonl`;
const noCluster = async (): Promise<never> => {
  throw new Error('a replay connects to no cluster');
};

/** Runs the command, moving the fake wall clock until it is done. */
async function replayed(values: Record<string, string | boolean>) {
  const timers = new FakeClock();
  const io = captureIo();
  let done = false;
  const finished = runCommand({ positionals: [LAB], values: { 'hands-on': true, replay: RECORDING, headless: true, ...values } }, io, { connect: noCluster, clock: systemClock, timers }).finally(() => (done = true));
  while (!done) {
    timers.advance(100);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }
  return { code: await finished, io };
}

describe('probelab run --hands-on --replay', () => {
  it('plays the recording as the cluster: the turns, the first signs, and a pass, with nothing created or deleted', async () => {
    const { code, io } = await replayed({});
    expect(code).toBe(0);
    const out = io.stdout.map((line) => line.replace(/^\+\d+(\.\d)?s /, ''));
    expect(out[0]).toBe(`replaying ${RECORDING} (recorded on v1.32.13): its recorded actions stand in for yours`);
    expect(out).toContain('readiness-exec reads namespace rec-readiness-exec: nothing is created, applied or deleted');
    expect(out).toContain('step 2 your turn: run this in another terminal:');
    expect(out).toContain('    $ kubectl -n rec-readiness-exec exec readiness-deployment-774f8b876f-hqx8x -- rm /tmp/healthy');
    expect(out.some((line) => /^step 2 clock started at the first sign, \d+(\.\d)?s after your turn: Unhealthy on readiness-deployment-774f8b876f-hqx8x \(\$picked\)$/.test(line))).toBe(true);
    expect(out.join('\n')).toMatch(/^1 passed, 0 failed$/m);
    expect(out.some((line) => line.startsWith('cleanup'))).toBe(false);
  });

  it('writes the JSON report with each turn', async () => {
    const { code, io } = await replayed({ reporter: 'json' });
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as { labs: { steps: { handsOn?: { armedBy?: string } }[] }[] };
    expect(report.labs[0]!.steps.map((step) => step.handsOn?.armedBy)).toEqual([undefined, 'sign', 'sign']);
  });
});

describe('probelab run --hands-on (headless, recorded cluster)', () => {
  it('shows each turn and never acts itself', async () => {
    const cluster = RecordedCluster.learnerActs(await readFixture('readiness-exec'));
    const io = captureIo();
    const code = await runCommand({ positionals: [LAB], values: { 'hands-on': true, headless: true, 'hands-on-wait': '5m' } }, io, { connect: async () => cluster, clock: cluster });
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain('step 3 your turn: run this in another terminal:');
    expect(cluster.calls.map((call) => call.method)).toEqual(['createLabNamespace', 'watch', 'apply', 'deleteNamespace']);
  });
});

describe('hands-on flags', () => {
  const reject = (values: Record<string, string | boolean>, positionals = [LAB]) => runCommand({ positionals, values }, captureIo(), { connect: noCluster, clock: systemClock });

  it('takes --replay and --hands-on-wait only with --hands-on', async () => {
    await expect(reject({ replay: RECORDING })).rejects.toMatchObject({ exitCode: 2, message: "--replay goes with --hands-on: a recording cannot run probelab's actions, only stand in for a learner's" });
    await expect(reject({ 'hands-on-wait': '5m' })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('rejects a wait that is no duration, --parallel, and -n with --replay', async () => {
    await expect(reject({ 'hands-on': true, 'hands-on-wait': 'soon' })).rejects.toThrow('--hands-on-wait: expected a duration like "5m", got "soon"');
    await expect(reject({ 'hands-on': true, parallel: '2' })).rejects.toThrow('--hands-on runs one lab at a time');
    await expect(reject({ 'hands-on': true, replay: RECORDING, namespace: 'mine' })).rejects.toThrow('--replay reads the namespace the recording was made in: leave out -n');
  });

  it('replays one lab only', async () => {
    await expect(reject({ 'hands-on': true, replay: RECORDING }, [LAB, `${repoRoot}labs/liveness-sigusr1.yaml`])).rejects.toThrow('--replay plays one recording: name one lab, not 2');
  });

  it('refuses -n for a lab whose learner would apply a manifest without the run\'s label', async () => {
    // No catalogue lab applies a manifest in a step: readiness-exec, with its repair done by one.
    const dir = await mkdtemp(join(tmpdir(), 'probelab-hands-on-'));
    const text = (await readFile(LAB, 'utf8')).replaceAll('../manifests/', `${repoRoot}manifests/`).replace('        - exec: { pod: $picked, command: [touch, /tmp/healthy] }', `        - apply: ${repoRoot}manifests/readiness-exec.yaml`);
    await writeFile(join(dir, 'readiness-exec.yaml'), text);
    await expect(reject({ 'hands-on': true, namespace: 'mine' }, [join(dir, 'readiness-exec.yaml')])).rejects.toThrow('step 3 applies a manifest, which in hands-on mode you would apply yourself');
  });
});
