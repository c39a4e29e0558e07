// The line log of hands-on runs on real recordings: the learner's commands under "your turn", the
// first sign that started the step's clock, the windows counted from it, and the hints of a
// wrong move.

import { describe, expect, it } from 'vitest';
import { HeadlessLog, labHeader } from '../../src/report/index.js';
import { BROKEN, handsOnRun, withoutTheMove } from '../runner/hands-on-runs.js';

async function logOf(...args: Parameters<typeof handsOnRun>): Promise<string[]> {
  const { loaded, events } = await handsOnRun(...args);
  const log = new HeadlessLog([labHeader(loaded)]);
  return events.flatMap((event) => log.lines(loaded.lab.metadata.name, event));
}

/** The lines without their time stamp. */
const texts = (lines: string[]) => lines.map((line) => line.replace(/^\+\d+(\.\d)?s /, ''));

describe('the line log of a hands-on run', () => {
  it('prints the command to run, the first sign and the windows counted from it', async () => {
    const lines = await logOf('readiness-exec');
    const text = texts(lines);
    const turn = text.indexOf('step 2 your turn: run this in another terminal:');
    expect(turn).toBeGreaterThan(text.indexOf('step 2 ▶ break one replica'));
    expect(text.slice(turn + 1, turn + 3)).toEqual([
      `    $ kubectl -n rec-readiness-exec exec ${BROKEN} -- rm /tmp/healthy`,
      `    (any running pod of app=readiness-deployment will do: ${BROKEN}, readiness-deployment-774f8b876f-jqb9r, readiness-deployment-774f8b876f-zf474)`,
    ]);
    expect(text).toContain(`step 2 clock started at the first sign, 6s after your turn: Unhealthy on ${BROKEN} ($picked)`);
    expect(text.find((line) => line.startsWith('step 2 ✓ pod $picked'))).toMatch(/: seen at 6 s, predicted 2–10 s after the first sign \(3 failures × 3s period, \+1s timeout; from the first sign \(Unhealthy\), itself 0s – 4s after the move\)$/);
    expect(text).toContain(`step 3 clock started at the first sign, 9s after your turn: READY 1/1 on ${BROKEN}`);
    // Nothing claims probelab ran the learner's exec.
    expect(text.some((line) => /^step \d exec /.test(line))).toBe(false);
  });

  it('says when a step only looks', async () => {
    const text = texts(await logOf('liveness-sigusr1'));
    expect(text).toContain("step 3 Nothing here for probelab to watch: read the command's output yourself. The step's clock started at once.");
  });

  it('prints the hint and the end of the wait after a wrong move', async () => {
    const lines = await logOf('readiness-exec', { recording: withoutTheMove });
    const text = texts(lines);
    const hint = `step 2 hint: No sign of your move: still READY 1/1 in every pod of app=readiness-deployment. Did you run \`rm /tmp/healthy\` in one of them? kubectl -n rec-readiness-exec exec ${BROKEN} -- rm /tmp/healthy`;
    expect(text).toContain(hint);
    expect(text).toContain(`step 2 no sign of your move within 3m: the clock started anyway; $picked is taken to be ${BROKEN}, the pod the command names`);
    // The hint came a minute after the turn was shown.
    const shown = lines.find((line) => line.includes('step 2 your turn'))!;
    const hinted = lines.find((line) => line.includes('step 2 hint'))!;
    expect(seconds(hinted) - seconds(shown)).toBeCloseTo(60, 5);
    expect(text.find((line) => line.startsWith('step 2 ✘'))).toContain('Did you run `rm /tmp/healthy` in one of them?');
  });
});

function seconds(line: string): number {
  return Number(/^\+(\d+(?:\.\d)?)s /.exec(line)![1]);
}
