// The run view with the replay frame: the RunEvents of the readiness-exec recording judged by its
// lab (or, without a lab, the recording's own observations) played by a player on a fake clock.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { autoWithinFor } from '../../src/expect/auto-within.js';
import type { LoadedLab } from '../../src/lab/load.js';
import type { Recording } from '../../src/recording/format.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import { createPlayer } from '../../src/replay/player.js';
import { recordingEvents } from '../../src/replay/recording-events.js';
import type { RunEvent } from '../../src/runner/events.js';
import { replayFrame } from '../../src/ui/replay-frame.js';
import { RunApp } from '../../src/ui/run-app.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { initialRunViewState, initialViewState, type RunViewState } from '../../src/ui/run-view-state.js';
import { formatElapsed } from '../../src/ui/text.js';
import { FakeClock } from '../replay/fake-clock.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';
import { KEY, plainFrame, press, renderAt, waitForFrame, type Rendered } from './render-at.js';

const FILE = 'fixtures/readiness-exec.jsonl';
const connection = { context: 'kind-test', server: '' };

let loaded: LoadedLab;
let recording: Recording;
let judged: RunEvent[];
const mounted: Rendered[] = [];

beforeAll(async () => {
  loaded = await loadCatalogueLab('readiness-exec');
  recording = await readFixture('readiness-exec');
  judged = [];
  // As the replay command collects them: verdicts copied as emitted (the judge updates them in place).
  judgeRecording(loaded.lab, recording, autoWithinFor(loaded), { onEvent: (event) => judged.push(structuredClone(event)) });
});
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

function setup(initial: RunViewState, events: RunEvent[], columns = 100) {
  const clock = new FakeClock();
  const store = createRunStore({ initial, intervalMs: 0 });
  const player = createPlayer({ events, dispatch: store.dispatch, reset: store.reset, clock, speed: 1, onChange: (state) => store.tick(state.position) });
  const onQuit = vi.fn();
  const frame = replayFrame({ player, file: FILE, steps: initial.steps.length > 0 });
  const instance = renderAt(<RunApp store={store} onQuit={onQuit} frame={frame} />, { columns, rows: 40 });
  mounted.push(instance);
  /** Moves the fake clock and lets the view catch up (as the ticker does in renderRun). */
  const advance = (ms: number) => {
    clock.advance(ms);
    store.tick(player.state().position);
  };
  return { clock, store, player, onQuit, instance, advance };
}

const judgedView = () => setup(initialRunViewState(loaded, connection, 'en'), judged);

describe('the replay view', () => {
  it('names the file and the speed, and shows where the replay is in recorded time', async () => {
    const { player, instance, advance } = judgedView();
    player.play();
    advance(8_000);
    const frame = await waitForFrame(instance, (f) => f.includes('+0:08'));
    expect(frame).toContain(`probelab  replay of ${FILE} ×1  ▶ playing`);
    const { start, end } = player.state();
    expect(frame).toContain(`+0:08 / ${formatElapsed(end - start)}`);
    expect(frame).toContain(`recorded ${new Date(start + 8_000).toISOString().slice(0, 19).replace('T', ' ')} UTC`);
    expect(frame).toMatch(/✓ all replicas become ready\s+passed in/);
    expect(frame).toMatch(/readiness-deployment-\S+\s+1\/1\s+Running/);
    expect(frame).toMatch(/q quit\s+space pause\s+←→ 10s\s+n\/p step\s+\+\/- speed/);
  });

  it('pauses on space, seeks with the arrows, jumps between steps with n and p, and changes speed with + and -', async () => {
    const { player, instance, advance } = judgedView();
    player.play();
    advance(3_000);
    await press(instance, ' ');
    await waitForFrame(instance, (f) => f.includes('❚❚ paused') && f.includes('+0:03'));
    advance(5_000);
    expect(player.state().position - player.state().start).toBe(3_000);

    await press(instance, '\u001B[C');
    await waitForFrame(instance, (f) => f.includes('+0:13'), 'the replay 10 s later');
    await press(instance, '\u001B[D');
    await waitForFrame(instance, (f) => f.includes('+0:03'), 'the replay 10 s earlier');

    await press(instance, 'n');
    const next = player.state();
    const second = judged.find((e) => e.kind === 'stepStarted' && e.index === 1)!;
    expect(next.position).toBe(second.at);
    const atStep = await waitForFrame(instance, (f) => f.includes(`+${formatElapsed(second.at - next.start)} `));
    expect(atStep).toContain('→ exec rm /tmp/healthy in readiness-deployment-774f8b876f-hqx8x');

    await press(instance, 'p');
    expect(player.state().position).toBeLessThan(second.at);

    await press(instance, '+');
    await waitForFrame(instance, (f) => f.includes(`replay of ${FILE} ×2`));
    await press(instance, '-');
    await press(instance, '-');
    await waitForFrame(instance, (f) => f.includes(`replay of ${FILE} ×0.5`));
  });

  it('plays to the end: the outcome shows and the header says so', async () => {
    const { player, instance, advance } = judgedView();
    player.play();
    advance(player.state().end - player.state().start + 1);
    const frame = await waitForFrame(instance, (f) => f.includes('■ ended'));
    expect(frame).toContain('PASSED');
    expect(frame).toContain('space replay');
  });

  it('lists the player keys in the help, and leaves at once on q (nothing to clean up)', async () => {
    const { player, instance, onQuit, advance } = judgedView();
    player.play();
    advance(2_000);
    await press(instance, '?');
    const help = await waitForFrame(instance, (f) => f.includes('Keys'));
    expect(help).toMatch(/space\s+pause \/ play/);
    expect(help).toMatch(/← →\s+back \/ forward 10 s of recorded time/);
    expect(help).toMatch(/q, Ctrl-C\s+quit the replay/);
    expect(help).not.toContain('cleans up its namespace');
    await press(instance, KEY.escape);
    await press(instance, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
    // ink-testing-library keeps the last frame; a view that waited for the run to finish would say "stopping".
    expect(plainFrame(instance)).not.toContain('stopping');
  });

  it('without a lab shows no steps pane, and n does nothing', async () => {
    const { header } = recording;
    const { player, instance, advance } = setup(initialViewState({ name: header.scenario, title: 'recording', file: '', learn: '' }, connection), recordingEvents(recording));
    player.play();
    advance(20_000);
    const frame = await waitForFrame(instance, (f) => f.includes('+0:20'));
    expect(frame).not.toContain('Steps');
    expect(frame).toContain('not judged: no lab');
    expect(frame).toMatch(/readiness-deployment-774f8b876f-hqx8x\s+0\/1\s+Running/);
    expect(frame).toContain('Service readiness-svc');
    expect(frame).not.toContain('n/p step');
    await press(instance, 'n');
    expect(player.state().position - player.state().start).toBe(20_000);
  });
});
