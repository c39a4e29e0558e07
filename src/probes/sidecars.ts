// Sidecars (KEP-753): init containers with restartPolicy Always. The kubelet probes them like
// regular containers (prober_manager.go AddPod), they count in READY and in the pod's Ready
// condition, and they are restarted after a probe kill whatever the pod's restartPolicy.

import type { Container, PodSpec } from '../model/kube.js';
import { isRestartable } from '../timeline/pod-columns.js';

export function sidecarsOf(spec: PodSpec): Container[] {
  return (spec.initContainers ?? []).filter(isRestartable);
}
