// The compact views change nothing anyone reads: a Timeline holding compact pods and shared
// strings reports the same transitions, the same kubectl columns and the same touched objects as
// one holding every object as delivered, after every observation of every real recording, of
// interleavings and of mutated copies; and a held pod keeps exactly what it was given.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { holdPod } from '../../src/timeline/held-pod.js';
import { Interner } from '../../src/timeline/intern.js';
import { Timeline, type Touched } from '../../src/timeline/timeline.js';
import { fixtureNames, readFixture } from '../support/fixtures.js';
import { edits, interleave, mutate } from '../support/mutations.js';

const recordings: Recording[] = await Promise.all((await fixtureNames()).map((name) => readFixture(name)));

const names = (touched: Touched) => ({
  pods: touched.pods.map((p) => [p.name, p.before !== undefined, p.after !== undefined]),
  services: touched.services,
  deployments: touched.deployments,
  events: touched.events,
});

function expectCompactEqualsWhole(observations: Observation[]): void {
  const compact = new Timeline();
  const whole = new Timeline({ compact: false });
  for (const observation of observations) {
    const a = compact.update(observation);
    const b = whole.update(observation);
    expect(a.transitions).toEqual(b.transitions);
    expect(names(a.touched)).toEqual(names(b.touched));
    const later = observation.at + 90_000;
    expect(compact.pods().map((p) => p.columns)).toEqual(whole.pods().map((p) => p.columns));
    expect(compact.pods(later).map((p) => p.columns)).toEqual(whole.pods(later).map((p) => p.columns));
  }
}

/** Every leaf of a JSON value with its path: `spec.containers.0.name` → 'app'. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || typeof value !== 'object') {
    if (value !== undefined) out.set(path, value);
    return out;
  }
  for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
  return out;
}

const DROPPED = /^(metadata\.annotations|metadata\.resourceVersion|metadata\.managedFields|spec\.volumes|spec\.(init)?[cC]ontainers\.\d+\.volumeMounts)(\.|$)/;

describe('compact views', () => {
  it.each(recordings.map((r) => [r.header.scenario, r] as const))('%s: the same transitions, columns and touched objects as whole objects', (_, recording) => {
    expectCompactEqualsWhole(recording.observations);
  });

  it('on random interleavings and mutated recordings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recordings), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), edits, (recording, choices, list) => {
        expectCompactEqualsWhole(mutate(interleave(recording.observations, choices), list));
      }),
      { numRuns: 150 },
    );
  });

  it('a held pod keeps every value it keeps unchanged, and drops only volumes, mounts, annotations, the resourceVersion and fields the model does not declare', () => {
    const pool = new Interner();
    for (const recording of recordings) {
      let previous: ReturnType<typeof holdPod> | undefined;
      for (const o of recording.observations) {
        if (o.kind !== 'watch' || o.resource !== 'pods') continue;
        const pod: Pod = o.object;
        const heldPod = holdPod(pod, previous?.metadata.uid === pod.metadata.uid ? previous : undefined, pool);
        const given = leaves(pod);
        const kept = leaves(heldPod);
        for (const [path, value] of kept) expect([path, given.get(path)]).toEqual([path, value]);
        // Held objects list every field the model declares (undefined when absent), so a field
        // missing from its held object was never declared: only those and DROPPED are dropped.
        for (const path of given.keys()) {
          if (kept.has(path) || DROPPED.test(path)) continue;
          const keys = path.split('.');
          let held: unknown = heldPod;
          let depth = 0;
          while (depth < keys.length - 1 && held !== null && typeof held === 'object' && keys[depth]! in held) held = (held as Record<string, unknown>)[keys[depth++]!];
          expect([path, Object.hasOwn(held as object, keys[depth]!)]).toEqual([path, false]);
        }
        previous = heldPod;
      }
    }
  });
});

describe('a held pod over versions that lose and gain parts', () => {
  it('holds each version as it would hold it alone, whatever the previous one held', () => {
    const pool = new Interner();
    const base = recordings.flatMap((r) => r.observations).find((o) => o.kind === 'watch' && o.resource === 'pods' && (o.object.status?.conditions?.length ?? 0) > 2)!;
    const pod = (base as { object: Pod }).object;
    const conditions = pod.status!.conditions!;
    const versions: Pod[] = [
      pod,
      { ...pod, status: { ...pod.status, conditions: conditions.slice(0, 2) } },
      { ...pod, status: { ...pod.status, conditions: [] } },
      { ...pod, status: { ...pod.status, conditions: undefined, containerStatuses: [] } },
      pod,
      { ...pod, status: { ...pod.status, conditions: [...conditions].reverse() } },
    ];
    let held: ReturnType<typeof holdPod> | undefined;
    for (const version of versions) {
      held = holdPod(version, held, pool);
      expect(held).toEqual(holdPod(version, undefined, new Interner()));
    }
  });
});

describe('Interner', () => {
  it('hands out one copy of each string, and starts over when full', () => {
    const pool = new Interner(2);
    const first = pool.string(['rec', 'ns'].join('-'));
    expect(pool.string(['rec', 'ns'].join('-'))).toBe(first);
    expect(pool.string(undefined)).toBeUndefined();
    pool.string('b');
    pool.string('c'); // the table was full: it started over with 'c'
    expect(pool.string('rec-ns')).toBe('rec-ns');
    expect(pool.object('k', () => ({ v: 1 }))).toBe(pool.object('k', () => ({ v: 2 })));
  });
});
