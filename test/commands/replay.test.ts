// `probelab replay` as a shell runs it: the printed verdicts outside a terminal (and with
// --headless), the live view in a terminal followed by the same verdicts, and a recording with
// no lab (transitions as lines, or the view without steps).

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runReplay } from '../../src/commands/replay.js';
import { main } from '../../src/main.js';
import { fixturesDir, repoRoot } from '../support/fixtures.js';
import { fakeTerminal } from '../ui/fake-terminal.js';
import { captureIo } from './io.js';

const fixture = `${fixturesDir}readiness-exec.jsonl`;
const lab = `${repoRoot}labs/readiness-exec.yaml`;

describe('probelab replay', () => {
  it('prints each step verdict outside a terminal, and the same with --headless in one', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['replay', fixture], io)).toBe(0);
    expect(io.stdout[0]).toBe(`${fixture}: readiness-exec judged by ${lab}`);
    expect(io.stdout.slice(1, 4)).toEqual([
      expect.stringMatching(/^ {2}✔ step 1 all replicas become ready {2}\(\+[\d.]+s, [\d.]+s into the step, [\dms.]+ to spare \(.+, due 2m after the actions\), on /),
      // The step passed 8.7 s after its action; its Unhealthy event, due within 6.4 s, had the least to spare.
      expect.stringMatching(/^ {2}✔ step 2 break one replica {2}\(\+[\d.]+s, 8\.7s into the step, 3\.7s to spare \(event Warning Unhealthy on \$picked .+, due 6\.4s after the actions\), on /),
      expect.stringMatching(/^ {2}✔ step 3 repair it {2}\(\+/),
    ]);
    expect(io.stdout.at(-1)).toBe('3 passed, 0 failed');

    const tty = captureIo({ cwd: repoRoot, isTTY: true });
    expect(await main(['replay', fixture, '--headless', '--speed', '10'], tty)).toBe(0);
    expect(tty.stdout).toEqual(io.stdout);
  });

  it('plays the recording in the view in a terminal, then prints the same verdicts and exit code', async () => {
    const headless = captureIo({ cwd: repoRoot });
    await main(['replay', fixture], headless);
    const io = captureIo({ cwd: repoRoot, isTTY: true, env: { NO_COLOR: '1' } });
    const screen = fakeTerminal(100, 40);
    const done = runReplay({ values: { speed: '50' }, positionals: [fixture] }, io, { terminal: screen.terminal });
    await vi.waitFor(() => expect(screen.written()).toContain('■ ended'), { timeout: 5000 });
    expect(screen.written()).toContain(`replay of ${fixture.slice(0, 10)}`);
    expect(screen.written()).toContain('×50');
    expect(screen.written()).toContain('PASSED');
    expect(io.stdout).toEqual([]);

    screen.type('l');
    await vi.waitFor(() => expect(screen.written()).toContain('logs are not in the recording'));
    screen.type('q');
    expect(await done).toBe(0);
    expect(io.stdout).toEqual(headless.stdout);
  });

  it('plays in Korean with --lang ko, and with a Korean locale', async () => {
    for (const [values, env] of [[{ speed: '50', lang: 'ko' }, { NO_COLOR: '1' }], [{ speed: '50' }, { NO_COLOR: '1', LANG: 'ko_KR.UTF-8' }]] as const) {
      const io = captureIo({ cwd: repoRoot, isTTY: true, env });
      const screen = fakeTerminal(80, 40);
      const done = runReplay({ values: { ...values }, positionals: [fixture] }, io, { terminal: screen.terminal });
      await vi.waitFor(() => expect(screen.written()).toContain('■ 끝남'), { timeout: 5000 });
      expect(screen.written()).toContain('모든 복제본이 준비됨');
      expect(screen.written()).toContain('무슨 일이 일어났나');
      screen.type('q');
      expect(await done).toBe(0);
    }
  });

  it('rejects a language it has no messages for', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['replay', fixture, '--lang', 'kr'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--lang: expected one of en, ko, got "kr"');
  });

  it('rejects a speed that is not a positive number', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['replay', fixture, '--speed', 'fast'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--speed: expected a number above 0');
    expect(await main(['replay', fixture, '--speed', '0'], captureIo({ cwd: repoRoot }))).toBe(2);
  });

  it('without a lab prints the transitions as lines outside a terminal', async () => {
    const io = captureIo({ cwd: await mkdtemp(join(tmpdir(), 'probelab-replay-')) });
    expect(await main(['replay', fixture], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/readiness-exec in namespace rec-readiness-exec, recorded .* \(no lab to judge it: transitions only\)$/);
    const lines = io.stdout.slice(1);
    expect(lines.every((line) => /^\+\d+\.\ds /.test(line))).toBe(true);
    const drop = lines.findIndex((line) => line.endsWith('pod readiness-deployment-774f8b876f-hqx8x READY 1/1 → 0/1'));
    const back = lines.findIndex((line, i) => i > drop && line.endsWith('pod readiness-deployment-774f8b876f-hqx8x READY 0/1 → 1/1'));
    expect(drop).toBeGreaterThan(0);
    expect(back).toBeGreaterThan(drop);
    expect(lines.some((line) => /event Warning Unhealthy .*Readiness probe failed/.test(line))).toBe(true);
  });

  it('without a lab plays the view without steps in a terminal, and prints nothing after it', async () => {
    const io = captureIo({ cwd: await mkdtemp(join(tmpdir(), 'probelab-replay-')), isTTY: true, env: { NO_COLOR: '1' } });
    const screen = fakeTerminal(100, 40);
    const done = runReplay({ values: { speed: '50' }, positionals: [fixture] }, io, { terminal: screen.terminal });
    await vi.waitFor(() => expect(screen.written()).toContain('■ ended'), { timeout: 5000 });
    expect(screen.written()).toMatch(/readiness-deployment-774f8b876f-hqx8x\s+1\/1\s+Running/);
    expect(screen.written()).not.toContain('Steps');
    screen.type('q');
    expect(await done).toBe(0);
    expect(io.stdout).toEqual([]);
  });
});
