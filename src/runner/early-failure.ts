// Failures worth reporting before a deadline runs out: a pod that cannot start (image pull,
// configuration), cannot be scheduled, or crashes in a step that did not ask for a crash. Waiting
// for the deadline would only hide the reason behind a timeout.

import type { Expectation, Step } from '../lab/schema.js';
import type { Pod } from '../model/kube.js';
import type { Transition } from '../timeline/transitions.js';

const CANNOT_START = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

function mentions(step: Step, test: (expectation: Expectation) => boolean): boolean {
  return [...(step.expect ?? []), ...(step.sequence ?? []), ...(step.never ?? [])].some(test);
}

/** The step expects a restart or a crash somewhere, so one is not a surprise. */
function expectsCrash(step: Step): boolean {
  return mentions(
    step,
    (e) =>
      ('pod' in e && (e.restarts !== undefined || e.lastState !== undefined || e.terminated !== undefined || /CrashLoopBackOff|Error|OOMKilled/.test(e.status ?? ''))) ||
      ('event' in e && /Killing|BackOff|Unhealthy/.test(e.event.reason)),
  );
}

function expectsStatus(step: Step, status: string): boolean {
  return mentions(step, (e) => 'pod' in e && (e.status ?? '').includes(status));
}

/** `pod` looks up a pod's current object: a pod first seen unschedulable has no condition transition. */
export function earlyFailure(transitions: Transition[], step: Step, pod: (name: string) => Pod | undefined): string | undefined {
  for (const t of transitions) {
    if (t.kind === 'podAdded') {
      const scheduled = pod(t.pod)?.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') return `pod ${t.pod} cannot be scheduled: ${(scheduled.message ?? 'Unschedulable').replace(/\.$/, '')}.`;
    }
    if (t.kind === 'statusChanged' && CANNOT_START.has(t.to) && !expectsStatus(step, t.to)) {
      return `pod ${t.pod} cannot start its containers: ${t.to}. Check the image name and that the cluster can pull it.`;
    }
    if (t.kind === 'conditionChanged' && t.type === 'PodScheduled' && t.to === 'False' && t.reason === 'Unschedulable') {
      return `pod ${t.pod} cannot be scheduled: ${(t.message ?? 'Unschedulable').replace(/\.$/, '')}.`;
    }
    if (t.kind === 'restarted' && !expectsCrash(step)) {
      const last = t.lastState ? ` (exit ${t.lastState.exitCode}${t.lastState.reason ? `, ${t.lastState.reason}` : ''})` : '';
      return `container ${t.container} of pod ${t.pod} restarted${last}, which this step did not expect.`;
    }
    if (t.kind === 'statusChanged' && t.to === 'CrashLoopBackOff' && !expectsCrash(step)) {
      return `pod ${t.pod} is in CrashLoopBackOff, which this step did not expect.`;
    }
  }
  return undefined;
}
