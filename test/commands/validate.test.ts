import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from './io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('probelab validate', () => {
  it('exits 0 and lists every lab in the catalogue', async () => {
    const io = captureIo();
    expect(await main(['validate', `${root}labs`], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout.some((line) => line.includes('readiness-exec — Readiness probe drops a pod from the Service'))).toBe(true);
    expect(io.stdout.at(-1)).toMatch(/^\d+ lab files? valid$/);
  });

  it('exits 2 and prints every error of every invalid file', async () => {
    const io = captureIo();
    const dir = `${root}test/lab/malformed`;
    const code = await main(['validate', `${dir}/ready-not-ratio.yaml`, `${dir}/unknown-key-typo.yaml`, `${root}labs/readiness-exec.yaml`], io);
    expect(code).toBe(2);
    expect(io.stderr).toEqual([
      `${dir}/ready-not-ratio.yaml:21:18 spec.steps[1].expect[0].ready: expected "N/M", got "ready"`,
      `${dir}/unknown-key-typo.yaml:21:11 spec.steps[1].expect[0].redy: unknown key "redy" (did you mean "ready"?)`,
    ]);
    expect(io.stdout.at(-1)).toBe('2 of 3 lab files invalid');
  });

  it('exits 2 for a path that does not exist', async () => {
    const io = captureIo();
    expect(await main(['validate', `${root}no-such-dir`], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('no-such-dir: no such file or directory');
  });
});

describe('probelab --help', () => {
  it('lists the commands and the exit codes', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/validate\s+check lab files/);
    expect(text).toContain('Exit codes: 0 ok, 1 a lab or check failed, 2 bad input or config');
  });

  it('prints per-command help', async () => {
    const io = captureIo();
    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Usage: probelab validate <lab files or directories…>');
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = captureIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown command "frobnicate"');
  });
});
