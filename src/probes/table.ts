// Every window the oracle can predict for one pod template, in the order a learner meets them:
// start, readiness fault and repair, liveness kill and restart, startup, delete. Used by
// `probelab predict` and by lab listings.

import type { PodSpec } from '../model/kube.js';
import { predict, type Consequence } from './oracle.js';
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

  for (const { name, readinessProbe, livenessProbe, startupProbe } of spec.containers) {
    const ref = { spec, container: name };
    add('ready after start', { kind: 'ready-after-start', ...ref }, name);
    if (readinessProbe) {
      add('not ready after readiness fault', { kind: 'not-ready-after-fault', ...ref }, name);
      add('ready again after repair', { kind: 'ready-after-repair', ...ref }, name);
    }
    if (livenessProbe) {
      add('liveness kill after fault', { kind: 'liveness-kill-after-fault', ...ref }, name);
      add('liveness kill if it hangs', { kind: 'liveness-kill-after-fault', fault: 'hangs', ...ref }, name);
      add('liveness restart after fault', { kind: 'restart-after-liveness-fault', restartCount: 0, ...ref }, name);
      add('restart after 3rd+ kill', { kind: 'restart-after-kill', restartCount: 2, ...ref }, name);
    }
    if (startupProbe) {
      add('started after startup fix', { kind: 'started-after-repair', ...ref }, name);
      add('killed if never started', { kind: 'startup-kill', ...ref }, name);
    }
  }
  if (spec.containers.length > 1) add('pod ready after start', { kind: 'ready-after-start', spec });
  add('terminating after delete', { kind: 'terminating-after-delete', spec });
  return rows;
}
