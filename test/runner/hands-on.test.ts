// The pure part of hands-on mode on worlds built from real recordings: which pods a learner may
// act on, the commands shown, the first sign of a move and the pod it binds, and the hints.

import { describe, expect, it } from 'vitest';
import { worldOf, type World } from '../../src/expect/world.js';
import type { Step } from '../../src/lab/schema.js';
import type { Recording } from '../../src/recording/format.js';
import {
  awaitsSign,
  bindingsOfSign,
  learnerActions,
  learnerCommands,
  learnerTargets,
  provisionalBindings,
  signOf,
  unchangedHint,
  watchTurn,
  type TurnWatch,
} from '../../src/runner/hands-on.js';
import { Timeline } from '../../src/timeline/timeline.js';
import { loadCatalogueLab, readFixture } from '../support/fixtures.js';

const BROKEN = 'readiness-deployment-774f8b876f-hqx8x';
const PODS = [BROKEN, 'readiness-deployment-774f8b876f-jqb9r', 'readiness-deployment-774f8b876f-zf474'];

/** The recording's cluster as a watch has shown it up to `at` (the learner's actions are not watched). */
function worldAt(recording: Recording, at: number): World {
  const timeline = new Timeline();
  for (const observation of recording.observations) if (observation.kind !== 'action' && observation.at <= at) timeline.apply(observation);
  return worldOf(timeline, at);
}

/** Every moment the recording shows something after `from`, with the world then, in order. */
function* momentsAfter(recording: Recording, from: number): Generator<World> {
  for (const observation of recording.observations) if (observation.kind !== 'action' && observation.at > from) yield worldAt(recording, observation.at);
}

function firstSign(recording: Recording, watch: TurnWatch, from: number) {
  for (const world of momentsAfter(recording, from)) {
    const sign = signOf(watch, world);
    if (sign) return sign;
  }
  return undefined;
}

const actionAt = (recording: Recording, n: number) => recording.observations.filter((o) => o.kind === 'action')[n]!.at;

async function readinessExec() {
  const { lab } = await loadCatalogueLab('readiness-exec');
  const recording = await readFixture('readiness-exec');
  // Shown a moment before the recorded rm, as after step 1.
  const shownAt = actionAt(recording, 0) - 1000;
  return { steps: lab.spec.steps, recording, shownAt, world: worldAt(recording, shownAt) };
}

describe('learnerActions', () => {
  it('leaves the sleeps before the first action to probelab', async () => {
    const { lab } = await loadCatalogueLab('liveness-sigusr1');
    expect(learnerActions(lab.spec.steps[2]!)).toEqual([lab.spec.steps[2]!.do![1]]);
    expect(learnerActions(lab.spec.steps[0]!)).toEqual([]);
  });
});

describe('learnerTargets and learnerCommands', () => {
  it('lets the learner choose among the running pods of a selector, and names the first in the command', async () => {
    const { steps, world } = await readinessExec();
    const actions = learnerActions(steps[1]!);
    const targets = learnerTargets(actions, world, new Map(), new Set(), steps);
    expect(targets).toEqual([{ refs: ['$picked'], binds: ['$picked'], selector: 'app=readiness-deployment', candidates: PODS }]);
    expect(learnerCommands(actions, targets, { namespace: 'ns' })).toEqual([
      { argv: ['kubectl', '-n', 'ns', 'exec', BROKEN, '--', 'rm', '/tmp/healthy'], choice: { selector: 'app=readiness-deployment', pods: PODS } },
    ]);
  });

  it('fixes a pod a sign decided, and opens again one bound only to the pod a command named', async () => {
    const { steps, world } = await readinessExec();
    const actions = learnerActions(steps[2]!);
    const bound = new Map([['$picked', PODS[2]!]]);
    expect(learnerTargets(actions, world, bound, new Set(), steps)).toEqual([{ refs: ['$picked'], binds: [], candidates: [PODS[2]] }]);
    // Provisional: chosen again from the selector step 2 picked it with, the bound pod first.
    expect(learnerTargets(actions, world, bound, new Set(['$picked']), steps)).toEqual([
      { refs: ['$picked'], binds: ['$picked'], selector: 'app=readiness-deployment', candidates: [PODS[2], PODS[0], PODS[1]] },
    ]);
  });

  it('finds the selector of an alias an earlier step remembered with `as:`', async () => {
    const { lab } = await loadCatalogueLab('liveness-endpoints');
    const { steps } = lab.spec;
    const { world } = await readinessExec();
    const [target] = learnerTargets(learnerActions(steps[2]!), world, new Map(), new Set(), steps);
    expect(target).toMatchObject({ refs: ['$victim'], binds: ['$victim'], selector: 'app=liveness-web' });
  });
});

describe('signOf', () => {
  it('finds the first Unhealthy on the pod the recording broke, among the candidates, and binds it', async () => {
    const { steps, recording, shownAt, world } = await readinessExec();
    const targets = learnerTargets(learnerActions(steps[1]!), world, new Map(), new Set(), steps);
    const watch = watchTurn(steps[1]!, targets, world, new Map());
    expect(awaitsSign(watch)).toBe(true);
    const sign = firstSign(recording, watch, shownAt)!;
    const unhealthy = recording.observations.find((o) => o.kind === 'watch' && o.resource === 'events' && o.object.reason === 'Unhealthy')!;
    expect(sign).toMatchObject({ at: unhealthy.at, what: 'Unhealthy', pod: BROKEN, candidate: true });
    expect(bindingsOfSign(sign)).toEqual([{ alias: '$picked', pod: BROKEN, provisional: false }]);
  });

  it('tells a sign on a pod the step does not act on from one on its own pod', async () => {
    const { steps, recording, shownAt, world } = await readinessExec();
    const step: Step = { ...steps[1]!, do: [{ exec: { pod: PODS[2]!, command: ['rm', '/tmp/healthy'], expectExit: 0 } }], expect: [{ pod: PODS[2]!, ready: '0/1' }] };
    const watch = watchTurn(step, learnerTargets(learnerActions(step), world, new Map(), new Set(), steps), world, new Map());
    const sign = firstSign(recording, watch, shownAt)!;
    expect(sign).toMatchObject({ what: 'READY 0/1', pod: BROKEN, candidate: false });
    expect(bindingsOfSign(sign)).toEqual([]);
  });

  it('reads a step whose items are about another pod than the one acted on (readiness-hostpath)', async () => {
    const { lab } = await loadCatalogueLab('readiness-hostpath');
    const recording = await readFixture('readiness-hostpath');
    const step = lab.spec.steps[1]!;
    const shownAt = actionAt(recording, 0) - 1000;
    const world = worldAt(recording, shownAt);
    const targets = learnerTargets(learnerActions(step), world, new Map(), new Set(), lab.spec.steps);
    expect(targets).toEqual([{ refs: ['writer'], binds: [], candidates: ['writer'] }]);
    const sign = firstSign(recording, watchTurn(step, targets, world, new Map()), shownAt)!;
    expect(sign).toMatchObject({ what: 'READY 1/1', pod: 'pod-readiness-exec', candidate: true });
    expect(sign.target).toBeUndefined();
  });

  it('expects no sign from a step whose items hold already', async () => {
    const { lab } = await loadCatalogueLab('liveness-sigusr1');
    const recording = await readFixture('liveness-sigusr1');
    const world = worldAt(recording, recording.observations.at(-1)!.at);
    const step = lab.spec.steps[2]!;
    const watch = watchTurn(step, learnerTargets(learnerActions(step), world, new Map(), new Set(), lab.spec.steps), world, new Map());
    expect(awaitsSign(watch)).toBe(false);
    expect(awaitsSign(watchTurn({ name: 'looks', do: step.do }, [], world, new Map()))).toBe(false);
  });
});

describe('bindings without a sign, and hints', () => {
  it('binds the pod the command named, provisionally, and says what every candidate still shows', async () => {
    const { steps, world } = await readinessExec();
    const actions = learnerActions(steps[1]!);
    const targets = learnerTargets(actions, world, new Map(), new Set(), steps);
    expect(provisionalBindings(targets)).toEqual([{ alias: '$picked', pod: BROKEN, provisional: true }]);
    const watch = watchTurn(steps[1]!, targets, world, new Map());
    expect(unchangedHint(watch, world, learnerCommands(actions, targets, { namespace: 'ns' }), actions)).toEqual({
      kind: 'unchanged',
      seen: PODS.map((pod) => ({ pod, seen: 'READY 1/1' })),
      selector: 'app=readiness-deployment',
      action: 'rm /tmp/healthy',
      command: `kubectl -n ns exec ${BROKEN} -- rm /tmp/healthy`,
    });
  });

  it('binds without a provisional mark where the learner had no choice', async () => {
    const { steps, world } = await readinessExec();
    const actions = [{ exec: { pod: PODS[1]!, command: ['rm', '/tmp/healthy'], expectExit: 0, as: 'victim' } }];
    const targets = learnerTargets(actions, world, new Map(), new Set(), steps);
    expect(provisionalBindings(targets)).toEqual([{ alias: '$victim', pod: PODS[1], provisional: false }]);
  });
});
