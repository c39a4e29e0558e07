import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fixturesDir, repoRoot } from '../support/fixtures.js';
import { captureIo } from './io.js';

const fixture = `${fixturesDir}readiness-exec.jsonl`;

describe('probelab report', () => {
  it('writes the page judged by --lab', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'probelab-report-')), 'run.html');
    const io = captureIo({ cwd: tmpdir() });
    expect(await main(['report', fixture, '--html', out, '--lab', `${repoRoot}labs/readiness-exec.yaml`], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toEqual([`${out}: timeline of readiness-exec, judged by ${repoRoot}labs/readiness-exec.yaml`]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toMatch(/data-kind="step" data-step="1" data-state="passed"/);
  });

  it('finds labs/<scenario>.yaml from the working directory, like replay', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'probelab-report-')), 'run.html');
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['report', fixture, '--html', out], io)).toBe(0);
    expect(io.stdout[0]).toContain('judged by');
    expect(readFileSync(out, 'utf8')).toContain('data-kind="step"');
  });

  it('still draws the cluster side when there is no lab to judge with', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'probelab-report-')), 'run.html');
    const io = captureIo({ cwd: mkdtempSync(join(tmpdir(), 'probelab-nolabs-')) });
    expect(await main(['report', fixture, '--html', out], io)).toBe(0);
    expect(io.stdout).toEqual([`${out}: timeline of readiness-exec, not judged (no lab)`]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('data-kind="lane"');
    expect(html).not.toContain('data-kind="step"');
  });

  it('exits 2 without --html, for a missing recording, or an unwritable output', async () => {
    const io = captureIo();
    expect(await main(['report', fixture], io)).toBe(2);
    expect(io.stderr).toEqual(['probelab report: say where to write the page: --html OUT.html']);

    const missing = captureIo();
    expect(await main(['report', '/nonexistent/x.jsonl', '--html', join(tmpdir(), 'x.html')], missing)).toBe(2);
    expect(missing.stderr[0]).toMatch(/^probelab report: \/nonexistent\/x\.jsonl: cannot read \(ENOENT\)/);

    const unwritable = captureIo({ cwd: tmpdir() });
    const target = '/nonexistent-dir/out.html';
    expect(await main(['report', fixture, '--html', target], unwritable)).toBe(2);
    expect(unwritable.stderr).toEqual([`probelab report: ${target}: cannot write (ENOENT)`]);
    expect(existsSync(target)).toBe(false);
  });
});
