// Renders real fixtures' pages in headless Chromium and checks a real screenshot comes out: the
// page parses and paints in a browser without network or script. Skipped, saying so, on machines
// without /usr/bin/chromium (Debian's `chromium` package).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { loadCatalogueLab, readFixture } from '../../support/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`screenshot tests skipped: ${CHROMIUM} does not exist (install Debian's chromium package to run them)`);

const WIDTH = 1400;
const HEIGHT = 900;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const dir = available ? mkdtempSync(join(tmpdir(), 'probelab-shot-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Width and height from the IHDR chunk, which the PNG spec requires to come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function screenshot(name: string): Promise<Buffer> {
  const html = join(dir, `${name}.html`);
  const png = join(dir, `${name}.png`);
  writeFileSync(html, renderHtmlReport({ recording: await readFixture(name), lab: await loadCatalogueLab(name) }));
  await promisify(execFile)(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, `profile-${name}`)}`,
      `--screenshot=${png}`,
      `--window-size=${WIDTH},${HEIGHT}`,
      pathToFileURL(html).href,
    ],
    { timeout: 60_000 },
  );
  return readFileSync(png);
}

describe('the page in headless Chromium', () => {
  it.skipIf(!available).each(['readiness-exec', 'liveness-always-500'])('%s renders to a real screenshot', async (name) => {
    const png = await screenshot(name);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: WIDTH, height: HEIGHT });
    // A blank 1400×900 page compresses to a few kilobytes; lanes, text and shading do not.
    expect(statSync(join(dir, `${name}.png`)).size).toBeGreaterThan(40_000);
  }, 90_000);
});
