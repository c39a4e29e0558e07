// A large namespace made from the real recordings: every fixture cloned `copies` times, each clone
// with its own object names and uids (suffix -c<k>), its own start time (seeded jitter), merged into
// one stream in time order, and resourceVersions renumbered in that order so every object's
// versions still only grow. Nothing is written to disk; the same seed gives the same stream.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecording } from '../dist/recording/format.js';

export const FIXTURES = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));

/** mulberry32: a small, seedable PRNG, so a benchmark run is reproducible. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function readFixtures() {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => {
      const text = readFileSync(`${FIXTURES}${name}`, 'utf8');
      const recording = parseRecording(text, name);
      return { name: name.replace(/\.jsonl$/, ''), recording, lines: text.split('\n').filter((l) => l.trim() !== '').slice(1) };
    });
}

// Every name and uid of an object the fixture watched, or that its events point at.
function identities(recording) {
  const ids = new Set();
  for (const o of recording.observations) {
    if (o.kind === 'action' && o.pod) ids.add(o.pod);
    if (o.kind !== 'watch') continue;
    const { metadata } = o.object;
    ids.add(metadata.name);
    if (metadata.uid) ids.add(metadata.uid);
    const involved = o.object.involvedObject;
    if (involved?.uid) ids.add(involved.uid);
  }
  // Longest first, so a pod name is replaced whole rather than by its Deployment-name prefix.
  return [...ids].filter((id) => id.length > 2).sort((a, b) => b.length - a.length);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The observations in time order, made one at a time as they are consumed (so a memory figure is
 * the consumer's, not the input's). Each call with the same arguments yields the same stream.
 * @returns {{ startedAt: number, total: number, observations: () => Generator<import('../dist/model/observation.js').Observation> }}
 */
export function synthesize({ copies, seed = 7, spacingMs = 2000 }) {
  const fixtures = readFixtures().map((fixture) => {
    const ids = identities(fixture.recording);
    const origin = Date.parse(fixture.recording.header.startedAt);
    return {
      lines: fixture.lines,
      // Names only as whole tokens: not inside a longer name, not as a prefix of one.
      pattern: new RegExp(`(?<![A-Za-z0-9-])(${ids.map(escape).join('|')})(?![A-Za-z0-9])`, 'g'),
      offsets: fixture.recording.observations.map((o) => o.at - origin),
    };
  });
  const next = random(seed);
  const startedAt = Date.parse('2026-11-21T20:00:00Z');
  // One row per observation to make: [at, fixture, copy, line], sorted; 4 numbers each.
  const total = fixtures.reduce((sum, f) => sum + f.lines.length, 0) * copies;
  const order = new Float64Array(total * 4);
  let row = 0;
  fixtures.forEach((fixture, f) => {
    for (let copy = 0; copy < copies; copy++) {
      const offset = copy * spacingMs + Math.floor(next() * spacingMs);
      fixture.offsets.forEach((at, line) => order.set([startedAt + offset + at, f, copy, line], 4 * row++));
    }
  });
  const index = Array.from({ length: total }, (_, i) => i);
  const key = (i, k) => order[4 * i + k];
  index.sort((a, b) => key(a, 0) - key(b, 0) || key(a, 2) - key(b, 2) || key(a, 1) - key(b, 1) || key(a, 3) - key(b, 3));
  const sorted = Uint32Array.from(index);

  function* observations() {
    let version = 1000;
    for (const i of sorted) {
      const fixture = fixtures[key(i, 1)];
      const copy = key(i, 2);
      const value = JSON.parse(fixture.lines[key(i, 3)].replace(fixture.pattern, (id) => `${id}-c${copy}`));
      value.at = key(i, 0);
      if (value.kind === 'watch') value.object.metadata.resourceVersion = String(++version);
      yield value;
    }
  }
  return { startedAt, total, observations };
}
