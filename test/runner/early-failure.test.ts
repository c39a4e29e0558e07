import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/lab/schema.js';
import { earlyFailure } from '../../src/runner/early-failure.js';
import { Timeline } from '../../src/timeline/timeline.js';
import { podObservation } from '../support/objects.js';

const T0 = Date.parse('2026-11-21T20:00:00Z');
const waitForReady: Step = { name: 'ready', expect: [{ pod: 'web', ready: '1/1' }] };

let timeline = new Timeline();
const lookup = (name: string) => timeline.pod(name)?.pod;

function transitionsOf(...states: Parameters<typeof podObservation>[1][]) {
  timeline = new Timeline();
  return states.flatMap((state, i) => timeline.apply(podObservation(T0 + i * 1000, state, i === 0 ? 'ADDED' : 'MODIFIED')));
}

describe('earlyFailure', () => {
  it('fails a step at once when an image cannot be pulled', () => {
    const transitions = transitionsOf({ name: 'web', waiting: 'ContainerCreating' }, { name: 'web', waiting: 'ErrImagePull' });
    expect(earlyFailure(transitions, waitForReady, lookup)).toBe('pod web cannot start its containers: ErrImagePull. Check the image name and that the cluster can pull it.');
  });

  it('lets a step that expects the pull failure wait for it', () => {
    const transitions = transitionsOf({ name: 'web', waiting: 'ContainerCreating' }, { name: 'web', waiting: 'ErrImagePull' });
    expect(earlyFailure(transitions, { name: 'pull fails', expect: [{ pod: 'web', status: 'ErrImagePull' }] }, lookup)).toBeUndefined();
  });

  it('names an unschedulable pod with the scheduler message', () => {
    const transitions = transitionsOf({ name: 'web', unschedulable: '0/1 nodes are available: 1 Insufficient cpu.' });
    expect(earlyFailure(transitions, waitForReady, lookup)).toBe('pod web cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('fails on a restart the step did not ask for, with the exit code', () => {
    const transitions = transitionsOf({ name: 'web', ready: true }, { name: 'web', ready: true, restarts: 1, lastExit: { exitCode: 1, reason: 'Error' } });
    expect(earlyFailure(transitions, waitForReady, lookup)).toBe('container app of pod web restarted (exit 1, Error), which this step did not expect.');
  });

  it('accepts a restart in a step that expects one', () => {
    const transitions = transitionsOf({ name: 'web', ready: true }, { name: 'web', ready: true, restarts: 1, lastExit: { exitCode: 137, reason: 'Error' } });
    expect(earlyFailure(transitions, { name: 'restart', expect: [{ pod: 'web', restarts: { increase: 1 } }] }, lookup)).toBeUndefined();
  });
});
