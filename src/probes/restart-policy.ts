// What the kubelet does after it kills a container for failing its liveness or startup probe,
// which the pod's restartPolicy decides. Source: pkg/kubelet/kuberuntime/kuberuntime_manager.go
// computePodActions and computeInitContainerActions (v1.32):
// - restartPolicy Always or OnFailure (shouldRestartOnFailure): the container is killed and put in
//   ContainersToStart in the same sync, whatever its exit code; the Killing message is
//   "Container <c> failed liveness probe, will be restarted";
// - Never, while another regular container keeps running: only this one is killed, with
//   "Container <c> failed liveness probe", and never started again; the pod stays Running;
// - Never, with no other regular container running (keepCount 0, nothing to start): KillPod. The
//   kill goes through killPodWithSyncResult with an empty message, so the event reads "Stopping
//   container <c>" and the grace period is the pod's (the probe's own override is not used). The
//   phase then turns Failed (any exit code other than 0) or Succeeded (getPhase), once the pod
//   worker has torn the pod down;
// - a sidecar (init container with restartPolicy Always) is restarted whatever the pod's policy,
//   with "Init container <c> failed liveness probe".

import type { Container, PodSpec } from '../model/kube.js';
import { sidecarsOf } from './sidecars.js';

export type AfterProbeKill =
  /** A new container starts (RESTARTS +1). */
  | 'restarts'
  /** The container ends and stays terminated; the pod keeps running its other containers. */
  | 'container-ends'
  /** The pod's last container ends: the pod is stopped and its phase turns Failed or Succeeded. */
  | 'pod-ends';

export interface ProbeKillOutcome {
  after: AfterProbeKill;
  /** The Killing event's message. */
  message: string;
  /** Why, in a learner's words. */
  why: string;
}

export function afterProbeKill(spec: PodSpec, container: Container, probe: 'liveness' | 'startup' = 'liveness'): ProbeKillOutcome {
  const sidecar = sidecarsOf(spec).some((c) => c.name === container.name);
  if (sidecar) {
    return { after: 'restarts', message: `Init container ${container.name} failed ${probe} probe`, why: 'a sidecar is restarted whatever the pod’s restartPolicy' };
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (policy !== 'Never') {
    return { after: 'restarts', message: `Container ${container.name} failed ${probe} probe, will be restarted`, why: `restartPolicy ${policy}: the kubelet starts a new container right after the kill, whatever the exit code` };
  }
  if (spec.containers.length > 1) {
    return { after: 'container-ends', message: `Container ${container.name} failed ${probe} probe`, why: 'restartPolicy Never: the container is not started again; the pod runs on with its other containers' };
  }
  return { after: 'pod-ends', message: `Stopping container ${container.name}`, why: 'restartPolicy Never and no other container: the kubelet stops the pod, which ends Failed (exit code ≠ 0) or Succeeded (0)' };
}
