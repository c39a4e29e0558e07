// The `c` screen: the kubectl command behind each action of a real runner pass over the
// readiness-exec recording, with the pod the selector picked, copied with OSC 52.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunApp, type RunAppProps } from '../../src/ui/run-app.js';
import { osc52 } from '../../src/ui/clipboard.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { renderRun, type RunHandle } from '../../src/ui/render-run.js';
import { cellWidth } from '../../src/ui/text.js';
import type { Lang } from '../../src/i18n/lang.js';
import { fakeTerminal } from './fake-terminal.js';
import { PICKED, useRecordedRun } from './recorded-run.js';
import { KEY, press, renderAt, waitForFrame } from './render-at.js';
import { shellWords } from '../support/shell.js';

const fixture = useRecordedRun();
let handle: RunHandle | undefined;
afterEach(() => {
  handle?.unmount();
  handle = undefined;
});

const namespace = () => fixture.run.events.flatMap((e) => (e.kind === 'started' ? [e.namespace] : []))[0]!;
const RM = () => `kubectl -n ${namespace()} exec ${PICKED} -- rm /tmp/healthy`;
const TOUCH = () => `kubectl -n ${namespace()} exec ${PICKED} -- touch /tmp/healthy`;

function setup(props: Partial<RunAppProps>, lang: Lang = 'en', columns = 80) {
  const { run } = fixture;
  const store = createRunStore({ loaded: run.loaded, connection: run.connection, lang });
  const instance = fixture.mount(renderAt(<RunApp store={store} onQuit={vi.fn()} lang={lang} {...props} />, { columns, rows: 24 }));
  return { store, instance };
}

/** The events up to and including the action of step `index`. */
const throughAction = (index: number) => fixture.run.events.slice(0, fixture.run.events.findIndex((e) => e.kind === 'action' && e.index === index) + 1);

describe('the kubectl commands screen', () => {
  it('says that no action has run yet before the first one', async () => {
    const copy = vi.fn();
    const { store, instance } = setup({ copy });
    for (const event of fixture.run.events.slice(0, 10)) store.dispatch(event);
    await waitForFrame(instance, (f) => f.includes('Pods'));
    await press(instance, 'c');
    const frame = await waitForFrame(instance, (f) => f.includes('kubectl commands'));
    expect(frame).toContain('No action has run yet');
    expect(copy).not.toHaveBeenCalled();
  });

  it('shows the picked pod, not the selector, and copies the latest command at once', async () => {
    const copy = vi.fn();
    const { store, instance } = setup({ copy });
    for (const event of throughAction(1)) store.dispatch(event);
    await waitForFrame(instance, (f) => f.includes('→ exec rm'));
    await press(instance, 'c');
    const frame = await waitForFrame(instance, (f) => f.includes('kubectl commands'));
    expect(frame).toContain('step 2  break one replica');
    expect(frame).not.toContain('selector');
    // Wrapped to 80 columns, the lines still paste as the one command.
    const lines = frame.split('\n');
    const first = lines.findIndex((l) => l.startsWith('  kubectl '));
    const commandLines = lines.slice(first, lines.findIndex((l, i) => i > first && !/ \\$/.test(lines[i - 1]!)));
    expect(shellWords(commandLines.join('\n'))).toEqual(shellWords(RM()));
    for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(80);
    expect(copy).toHaveBeenCalledWith(RM());
    expect(frame).toContain('Copied the command of step 2 to the clipboard (OSC 52)');
    await press(instance, KEY.escape);
    await waitForFrame(instance, (f) => f.includes('NAME'));
  });

  it('chooses another command with the arrows and copies it with Enter', async () => {
    const copy = vi.fn();
    const { store, instance } = setup({ copy }, 'en', 120);
    for (const event of throughAction(2)) store.dispatch(event);
    await waitForFrame(instance, (f) => f.includes('→ exec touch'));
    await press(instance, 'c');
    await waitForFrame(instance, (f) => f.includes('step 3  repair it'));
    expect(copy).toHaveBeenLastCalledWith(TOUCH());
    await press(instance, KEY.up);
    await press(instance, KEY.enter);
    expect(copy).toHaveBeenLastCalledWith(RM());
    await waitForFrame(instance, (f) => f.includes('Copied the command of step 2'));
  });

  it('in Korean, within 80 columns', async () => {
    const { store, instance } = setup({ copy: vi.fn() }, 'ko');
    for (const event of throughAction(1)) store.dispatch(event);
    await waitForFrame(instance, (f) => f.includes('→ exec rm'));
    await press(instance, 'c');
    const frame = await waitForFrame(instance, (f) => f.includes('kubectl 명령'));
    expect(frame).toContain('2단계  복제본 하나 망가뜨리기');
    expect(frame).toContain('2단계의 명령을 클립보드에 복사했습니다(OSC 52)');
    for (const line of frame.split('\n')) expect(cellWidth(line)).toBeLessThanOrEqual(80);
  });

  it('renderRun copies by writing OSC 52 to the terminal', async () => {
    const term = fakeTerminal(100, 30);
    const store = createRunStore({ loaded: fixture.run.loaded, connection: fixture.run.connection, lang: 'en' });
    handle = renderRun({ store, onQuit: vi.fn(), waitForStart: false, ...term.terminal, env: {} });
    for (const event of throughAction(1)) store.dispatch(event);
    await vi.waitFor(() => expect(term.written()).toContain('→ exec rm'));
    term.type('c');
    await vi.waitFor(() => expect(term.raw()).toContain(osc52(RM())));
  });
});

describe('osc52', () => {
  it('carries the text base64-encoded for the clipboard selection', () => {
    const sequence = osc52('kubectl -n 실습 get pods');
    const [, selection, data] = /^\u001b\]52;(c);([A-Za-z0-9+/=]+)\u0007$/.exec(sequence)!;
    expect(selection).toBe('c');
    expect(Buffer.from(data!, 'base64').toString('utf8')).toBe('kubectl -n 실습 get pods');
  });
});
