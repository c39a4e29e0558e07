// The run view rendered with ink-testing-library at fixed terminal sizes, driven by the
// RunEvents of a real runner pass over the readiness-exec recording.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { RunApp, type RunAppProps } from '../../src/ui/run-app.js';
import { createRunStore, type RunStore } from '../../src/ui/run-store.js';
import { themeFromEnv } from '../../src/ui/theme.js';
import { indexOfTransition, PICKED, recordedRun, type RecordedRun } from './recorded-run.js';
import { KEY, plainFrame, press, renderAt, stripAnsi, waitForFrame, type Rendered } from './render-at.js';

// chalk decides its colour level when ink loads it; without a TTY it would print no escapes at
// all, and a NO_COLOR test could not fail.
const colourEnv = vi.hoisted(() => {
  const previous = process.env['FORCE_COLOR'];
  process.env['FORCE_COLOR'] = '1';
  return { previous };
});
afterAll(() => {
  if (colourEnv.previous === undefined) delete process.env['FORCE_COLOR'];
  else process.env['FORCE_COLOR'] = colourEnv.previous;
});

let run: RecordedRun;
const mounted: Rendered[] = [];
beforeAll(async () => {
  run = await recordedRun();
});
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

function setup(props: Partial<RunAppProps> = {}, size: { columns: number; rows?: number; colour?: boolean } = { columns: 80 }, source: RecordedRun = run) {
  const store = createRunStore({ loaded: source.loaded, connection: source.connection, lang: 'en' });
  const onQuit = vi.fn();
  const instance = renderAt(<RunApp store={store} onQuit={onQuit} {...props} />, size);
  mounted.push(instance);
  return { store, onQuit, instance };
}

function feed(store: RunStore, events: RunEvent[]): void {
  for (const event of events) store.dispatch(event);
}

/** The table row of a pod in a frame (escape codes kept). */
function podRow(frame: string, pod: string): string {
  const row = frame.split('\n').find((l) => isPodRow(stripAnsi(l), pod));
  if (row === undefined) throw new Error(`no row for ${pod} in:\n${stripAnsi(frame)}`);
  return row;
}

function isPodRow(plain: string, pod = 'readiness-deployment-'): boolean {
  return /^(› |  )\S/.test(plain) && plain.slice(2).startsWith(pod);
}

const READY_DROP = (events: RunEvent[]) => indexOfTransition(events, (t) => t.kind === 'readyChanged' && t.pod === PICKED && t.from === '1/1' && t.to === '0/1');

// SGR colour parameters: 30–37/90–97 foreground, 40–47/100–107 background, 38/48 extended.
const COLOUR_SGR = /\u001B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

describe('RunApp', () => {
  it('shows the header, the steps and the pods table with kubectl columns', async () => {
    const { store, instance } = setup({}, { columns: 120 });
    feed(store, run.events.slice(0, READY_DROP(run.events)));
    const frame = await waitForFrame(instance, (f) => f.includes(PICKED));
    expect(frame).toContain('probelab  readiness-exec · Readiness probe drops a pod from the Service');
    expect(frame).toMatch(/ctx kind-test .*ns rec-readiness-exec/);
    expect(frame).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(stripAnsi(podRow(frame, PICKED))).toMatch(new RegExp(`${PICKED}\\s+1/1\\s+Running\\s+0\\s+\\d+s`));
    expect(frame).toMatch(/✓ all replicas become ready\s+passed in/);
    expect(frame).toContain('Service readiness-svc');
    expect(frame).toContain('readiness  exec [cat /tmp/healthy] delay=5s timeout=1s period=3s #success=1 #failure=3');
  });

  it('shows READY going 1/1 → 0/1, highlighted for about two seconds', async () => {
    const { store, instance } = setup();
    const drop = READY_DROP(run.events);
    feed(store, run.events.slice(0, drop));
    await waitForFrame(instance, (f) => f.includes(PICKED));
    expect(podRow(instance.lastFrame()!, PICKED)).not.toMatch(/\u001B\[43m/);

    feed(store, [run.events[drop]!]);
    await waitForFrame(instance, (f) => /\s0\/1\s/.test(stripAnsi(podRow(f, PICKED))));
    // Yellow background on the READY cell only.
    expect(podRow(instance.lastFrame()!, PICKED)).toMatch(/\u001B\[43m(?:\u001B\[[0-9;]*m)*0\/1\u001B/);

    store.tick(run.events[drop]!.at + 2500);
    await vi.waitFor(() => expect(podRow(instance.lastFrame()!, PICKED)).not.toMatch(/\u001B\[43m/));
    expect(stripAnsi(podRow(instance.lastFrame()!, PICKED))).toMatch(/\s0\/1\s/);
  });

  it("shows the active step's spinner, countdown, action and expectations", async () => {
    const { store, instance } = setup({}, { columns: 100 });
    const pending = run.events.findIndex((e) => e.kind === 'stepStarted' && e.index === 1);
    feed(store, run.events.slice(0, pending + 1));
    const frame = await waitForFrame(instance, (f) => f.includes('left'));
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] break one replica\s+\d+s left/);
    expect(frame).toContain(`→ exec rm /tmp/healthy in ${PICKED} (exit 0)`);
    expect(frame).toMatch(/· endpoints readiness-svc/);
    expect(frame).toMatch(/· repair it/);
  });

  it("shows a failed step's reason and evidence, the outcome and the lab's explanation", async () => {
    const failing = await recordedRun((lab) => {
      lab.spec.steps[1]!.expect = [{ pod: '$picked', restarts: { increase: 1 }, within: '20s' }];
    });
    const { store, instance } = setup({}, { columns: 100, rows: 50 }, failing);
    feed(store, failing.events);
    const frame = await waitForFrame(instance, (f) => f.includes('FAILED'));
    expect(frame).toMatch(/✗ break one replica\s+failed after 2\d(\.\d)?s/);
    const reason = failing.events.flatMap((e) => (e.kind === 'finished' ? [e.result.verdicts[1]!.reason!] : []))[0]!;
    // The reason is wrapped, not cut: every word of it is on screen, in order.
    const onScreen = frame.replace(/\s+/g, ' ');
    expect(onScreen).toContain(reason);
    expect(frame).toMatch(/pod readiness-deployment-774f8b876f-hqx8x: READY 0\/1, STATUS Running, RESTARTS 0/);
    expect(frame).toMatch(/- repair it\s+not run/);
    expect(frame).toContain('FAILED at step "break one replica"');
    expect(frame).toContain('namespace rec-readiness-exec deleted');
    expect(frame).toContain('What happened');
    expect(onScreen).toContain('A readiness failure never kills a container: RESTARTS stayed 0.');
  });

  it.each([80, 40])('fits a %i-column terminal: no line is wider', async (columns) => {
    const { store, instance } = setup({}, { columns, rows: 60 });
    feed(store, run.events.slice(0, READY_DROP(run.events) + 1));
    const frame = await waitForFrame(instance, (f) => f.includes('Unhealthy') && /0\/1/.test(f));
    const widest = Math.max(...frame.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(columns);
    if (columns === 40) {
      // AGE dropped, NAME shortened in the middle, RESTARTS kept.
      expect(frame).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS$/m);
      expect(frame).toMatch(/^› readi\S*…\S*hqx8x\s+0\/1\s+Running\s+0$/m);
    } else {
      expect(frame).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
      expect(frame).toMatch(/Warning\s+Unhealthy\s+\d+s \(x\d over \d+s\)\s+kubelet\s+Readiness probe failed/);
    }
  });

  it('drops panes on a short terminal but keeps the steps and the pods', async () => {
    const { store, instance } = setup({}, { columns: 80, rows: 16 });
    feed(store, run.events.slice(0, READY_DROP(run.events) + 1));
    const frame = await waitForFrame(instance, (f) => f.includes(PICKED));
    expect(frame.split('\n').length).toBeLessThanOrEqual(15);
    expect(frame).toContain('Steps');
    expect(frame).toContain('Pods');
  });

  it('prints no colour with NO_COLOR, and marks the changed cell with inverse instead', async () => {
    const drop = READY_DROP(run.events);
    const coloured = setup({}, { columns: 80 });
    feed(coloured.store, run.events.slice(0, drop + 1));
    await waitForFrame(coloured.instance, (f) => f.includes('Unhealthy'));
    expect(coloured.instance.lastFrame()).toMatch(COLOUR_SGR);

    const plain = setup({}, { columns: 80, colour: themeFromEnv({ NO_COLOR: '1' }).colour });
    feed(plain.store, run.events.slice(0, drop + 1));
    await waitForFrame(plain.instance, (f) => f.includes('Unhealthy'));
    const frame = plain.instance.lastFrame()!;
    expect(frame).not.toMatch(COLOUR_SGR);
    expect(podRow(frame, PICKED)).toMatch(/\u001B\[7m(?:\u001B\[[0-9;]*m)*0\/1\u001B/);
  });

  it('opens and closes the help overlay with ?', async () => {
    const { store, instance } = setup();
    feed(store, run.events.slice(0, 20));
    await waitForFrame(instance, (f) => f.includes('Pods'));
    await press(instance, '?');
    const help = await waitForFrame(instance, (f) => f.includes('Keys'));
    expect(help).toContain("show the selected pod's last log lines");
    expect(help).not.toContain('NAME');
    await press(instance, '?');
    await waitForFrame(instance, (f) => f.includes('NAME') && !f.includes('Keys'));
  });

  it("selects a pod with the arrows and shows its logs with l", async () => {
    const fetchLogs = vi.fn(async (pod: string) => `line one of ${pod}\nline two\n`);
    const { store, instance } = setup({ fetchLogs });
    feed(store, run.events.slice(0, READY_DROP(run.events)));
    await waitForFrame(instance, (f) => f.includes(PICKED));
    const rows = () => plainFrame(instance).split('\n').filter((l) => isPodRow(l));
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toMatch(/^› /);
    await press(instance, KEY.down);
    await vi.waitFor(() => expect(rows()[1]).toMatch(/^› /));
    const pod = rows()[1]!.slice(2).split(/\s+/)[0]!;
    await press(instance, 'l');
    const logs = await waitForFrame(instance, (f) => f.includes('line two'));
    expect(fetchLogs).toHaveBeenCalledWith(pod);
    expect(logs).toContain(`Logs of ${pod}`);
    expect(logs).toContain(`line one of ${pod}`);
    await press(instance, KEY.escape);
    await waitForFrame(instance, (f) => f.includes('NAME'));
  });

  it('filters the pods pane with / during a run: the keys typed are the filter\'s, l then shows the logs of a pod it kept', async () => {
    const fetchLogs = vi.fn(async (pod: string) => `log of ${pod}\n`);
    const { store, instance, onQuit } = setup({ fetchLogs });
    feed(store, run.events.slice(0, READY_DROP(run.events)));
    await waitForFrame(instance, (f) => f.includes(PICKED));
    const rows = () => plainFrame(instance).split('\n').filter((l) => isPodRow(l));
    await press(instance, '/');
    // c (the commands screen) and q (quit) are letters of the filter while it is typed.
    for (const key of 'cq') await press(instance, key);
    await waitForFrame(instance, (f) => f.includes('filter: cq') && f.includes('no pod matches the filter'));
    expect(onQuit).not.toHaveBeenCalled();
    for (const key of ['\u007F', '\u007F', ...PICKED.slice(-5), KEY.enter]) await press(instance, key);
    const frame = await waitForFrame(instance, (f) => f.includes(`filter: ${PICKED.slice(-5)}  1 of 3 pods`));
    expect(rows()).toEqual([expect.stringMatching(new RegExp(`^› ${PICKED}\\s+1/1`))]);
    // The steps pane is untouched by the filter.
    expect(frame).toMatch(/✓ all replicas become ready\s+passed in/);
    await press(instance, 'l');
    await waitForFrame(instance, (f) => f.includes(`log of ${PICKED}`));
    expect(fetchLogs).toHaveBeenCalledWith(PICKED);
  });

  it('toggles between recent and all events with e', async () => {
    const { store, instance } = setup({}, { columns: 100, rows: 80 });
    feed(store, run.events);
    const recent = await waitForFrame(instance, (f) => f.includes('PASSED'));
    const total = Number(/last \d+ of (\d+)/.exec(recent)?.[1]);
    expect(total).toBeGreaterThan(5);
    expect(recent).toContain(`last 5 of ${total}`);
    await press(instance, 'e');
    const all = await waitForFrame(instance, (f) => f.includes(`all ${total}`));
    expect(all.split('\n').filter((l) => /^\s{2}(Normal|Warning)\s/.test(l)).length).toBe(total);
  });

  it('calls onQuit on q and leaves once the run has finished', async () => {
    const { store, instance, onQuit } = setup();
    feed(store, run.events.slice(0, 30));
    await waitForFrame(instance, (f) => f.includes('Pods'));
    await press(instance, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
    await waitForFrame(instance, (f) => f.includes('stopping: cleaning up'));
    feed(store, run.events.slice(30));
    // The finished view is drawn once, then the app unmounts (ink's last frame is empty).
    await vi.waitFor(() => expect(instance.lastFrame()).toBe(''));
    expect(instance.frames.some((frame) => stripAnsi(frame).includes('PASSED'))).toBe(true);
  });

  it('shows the learning text first and starts on Enter', async () => {
    const onStart = vi.fn();
    const { instance } = setup({ intro: { onStart } }, { columns: 60 });
    const intro = await waitForFrame(instance, (f) => f.includes('Press Enter'));
    expect(intro.replace(/\s+/g, ' ')).toContain('A readiness probe decides whether a pod receives traffic, not whether it lives.');
    expect(intro).not.toContain('`');
    expect(onStart).not.toHaveBeenCalled();
    await press(instance, KEY.enter);
    expect(onStart).toHaveBeenCalledTimes(1);
    await waitForFrame(instance, (f) => f.includes('Steps'));
  });
});
