// An awaited expectation's current value ("(now: …)") is what a learner watches: at 80 columns
// it must never be the part cut off, however long the label.

import { describe, expect, it } from 'vitest';
import type { ItemStatus, StepVerdict } from '../../src/expect/step.js';
import { messagesFor } from '../../src/i18n/messages.js';
import { stepLines } from '../../src/ui/steps-pane.js';
import type { StepRow } from '../../src/ui/run-view-state.js';
import { cellWidth } from '../../src/ui/text.js';

const EN = messagesFor('en');
const POD = 'readiness-deployment-774f8b876f-hqx8x';
const T0 = Date.parse('2026-11-21T19:52:24.520Z');

const item = (label: string, seen: string, state: ItemStatus['state'] = 'pending'): ItemStatus => ({ group: 'expect', index: 0, label, state, deadline: T0 + 12_000, seen });

function step(items: ItemStatus[]): StepRow {
  const verdict: StepVerdict = { step: 'break one replica', state: 'pending', startedAt: T0, deadline: T0 + 12_000, evidence: [], items };
  return { name: 'break one replica', state: 'pending', verdict, actions: [] };
}

const text = (lines: ReturnType<typeof stepLines>) => lines.map((l) => l.segments.map((s) => s.text).join(''));

const ITEMS = [
  item(`pod $picked (${POD}) READY 0/1`, 'READY 1/1'),
  item(`endpoints readiness-svc: notReady ∋ $picked (${POD})`, 'notReady: [] (EndpointSlice)'),
  item('deployment readiness-deployment available 2, unavailable 1', 'available 3, unavailable 0'),
  item('event Warning Unhealthy on the pod with a message that matches a rather long pattern "/Readiness probe failed: cat: can\'t open/"', 'no new Unhealthy event'),
];

describe('expectation lines at 80 columns', () => {
  it.each(['full', 'compact'] as const)('%s: every current value is on screen, whole, and no line is wider', (detail) => {
    const lines = text(stepLines({ steps: [step(ITEMS)], now: T0 + 3000, width: 80, detail, m: EN }));
    for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(80);
    const screen = lines.join('\n');
    for (const { seen } of ITEMS) expect(screen).toContain(`(now: ${seen})`);
  });

  it('shortens the pod an alias stands for to its suffix before moving the value', () => {
    const lines = text(stepLines({ steps: [step(ITEMS.slice(0, 2))], now: T0, width: 80, m: EN }));
    expect(lines).toContain('    · pod $picked (…-hqx8x) READY 0/1 (now: READY 1/1)');
    // Shortened, the label fits whole, and its value still goes under it.
    const at = lines.indexOf('    · endpoints readiness-svc: notReady ∋ $picked (…-hqx8x)');
    expect(lines[at + 1]).toBe('      (now: notReady: [] (EndpointSlice))');
  });

  it('names the pod the same way in every item of the step: whole when all fit, else by suffix', () => {
    const wide = text(stepLines({ steps: [step(ITEMS.slice(0, 2))], now: T0, width: 160, m: EN })).join('\n');
    expect(wide).toContain(`pod $picked (${POD}) READY 0/1 (now: READY 1/1)`);
    expect(wide).not.toContain('…-hqx8x');
    const mixed = text(stepLines({ steps: [step(ITEMS)], now: T0, width: 120, m: EN })).join('\n');
    expect(mixed).toContain('pod $picked (…-hqx8x) READY 0/1 (now: READY 1/1)');
    expect(mixed).not.toContain(POD);
  });

  it('full: a value that does not fit beside its label goes on the line under it', () => {
    const lines = text(stepLines({ steps: [step(ITEMS.slice(3))], now: T0, width: 80, m: EN }));
    const at = lines.findIndex((l) => l.startsWith('    · event Warning Unhealthy'));
    expect(lines[at]).toMatch(/…$/);
    expect(lines[at + 1]).toBe('      (now: no new Unhealthy event)');
  });

  it('compact: one line per expectation, the label giving way to the value', () => {
    const lines = text(stepLines({ steps: [step(ITEMS.slice(3))], now: T0, width: 80, detail: 'compact', m: EN }));
    expect(lines.filter((l) => l.startsWith('    '))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^    · event Warning Unhealthy .*… \(now: no new Unhealthy event\)$/);
  });

  it('a met expectation shows no current value', () => {
    const lines = text(stepLines({ steps: [step([item(`pod $picked (${POD}) READY 0/1`, 'READY 0/1', 'met')])], now: T0, width: 80, m: EN }));
    expect(lines.join('\n')).not.toContain('(now:');
  });
});
