// Every window the oracle can predict for one pod template, in the order a learner meets them:
// start, readiness fault and repair, liveness kill and what follows it (a restart, or the end the
// restart policy makes of it), startup, delete. Sidecars (restartable init containers) are probed
// like the main containers and come first, as the kubelet starts them first. Used by
// `probelab predict` and by lab listings.

import type { PodSpec } from '../model/kube.js';
import { predict, type Consequence } from './oracle.js';
import { afterProbeKill } from './restart-policy.js';
import { sidecarsOf } from './sidecars.js';
import type { Window } from './window.js';

export interface PredictionRow {
  /** The container, or undefined for a pod-level row. */
  container?: string;
  label: string;
  window: Window;
}

export function predictionsFor(spec: PodSpec): PredictionRow[] {
  const rows: PredictionRow[] = [];
  const add = (label: string, consequence: Consequence, container?: string) =>
    rows.push({ ...(container !== undefined ? { container } : {}), label, window: predict(consequence) });

  for (const container of [...sidecarsOf(spec), ...spec.containers]) {
    const { name, readinessProbe, livenessProbe, startupProbe } = container;
    const ref = { spec, container: name };
    add('ready after start', { kind: 'ready-after-start', ...ref }, name);
    if (readinessProbe) {
      add('not ready after readiness fault', { kind: 'not-ready-after-fault', ...ref }, name);
      add('ready again after repair', { kind: 'ready-after-repair', ...ref }, name);
    }
    if (livenessProbe) {
      add('liveness kill after fault', { kind: 'liveness-kill-after-fault', ...ref }, name);
      add('liveness kill if it hangs', { kind: 'liveness-kill-after-fault', fault: 'hangs', ...ref }, name);
      // A fault before the first probe: nothing is probed until initialDelaySeconds is over.
      if (livenessProbe.initialDelaySeconds) add('liveness kill, fault at start', { kind: 'liveness-kill-after-fault', sinceStartMs: 0, ...ref }, name);
      const after = afterProbeKill(spec, container).after;
      if (after === 'restarts') {
        add('liveness restart after fault', { kind: 'restart-after-liveness-fault', restartCount: 0, ...ref }, name);
        add('restart after 3rd+ kill', { kind: 'restart-after-kill', restartCount: 2, ...ref }, name);
      } else {
        add('ends after liveness fault, no restart', { kind: 'ended-after-liveness-fault', ...ref }, name);
        if (after === 'pod-ends') add('pod Failed/Succeeded after the fault', { kind: 'pod-ended-after-liveness-fault', ...ref }, name);
      }
    }
    if (startupProbe) {
      add('started after startup fix', { kind: 'started-after-repair', ...ref }, name);
      add('killed if never started', { kind: 'startup-kill', ...ref }, name);
      if (afterProbeKill(spec, container, 'startup').after === 'restarts') add('restarted if never started', { kind: 'restart-after-startup-kill', restartCount: 0, ...ref }, name);
    }
  }
  if (spec.containers.length + sidecarsOf(spec).length > 1) add('pod ready after start', { kind: 'ready-after-start', spec });
  add('terminating after delete', { kind: 'terminating-after-delete', spec });
  return rows;
}
