// When a running container's probes have had their first chance: the moment a fault may be
// injected without racing them. A probe worker skips every tick until initialDelaySeconds have
// passed since the API's startedAt (worker.go doProbe), then probes on its next tick, up to one
// period later, and the probe takes up to timeoutSeconds. A fault injected before that lands on a
// container no probe has looked at yet (the handler of a signal may not even be installed), and
// its consequence comes a whole initial delay later than a learner expects
// (../shared/fixtures/liveness-sigusr1-early-fault.jsonl). While a startup probe has not passed,
// the other probes do not run at all: only the startup probe counts then. A readiness probe that
// made the container ready has visibly run.

import type { Container, Pod, Probe } from '../model/kube.js';
import { effectiveProbe } from './defaults.js';
import { PLEG_RELIST_MS, STARTED_AT_RESOLUTION_MS } from './kubelet.js';
import { sidecarsOf } from './sidecars.js';

export interface Settled {
  /** Epoch ms from which every probe of the pod's running containers has had its first run. */
  at: number;
  /** How long after its container's start that is: the most a wait for it can take. */
  afterStartMs: number;
  /** The probe that settles last, e.g. "liveness of liveness-app/liveness: delay 5s + period 5s + timeout 1s". */
  why: string;
}

/** Undefined when no running container of the pod has a probe. */
export function probesSettled(pod: Pod): Settled | undefined {
  const spec = pod.spec;
  if (!spec) return undefined;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  let latest: Settled | undefined;
  for (const container of [...sidecarsOf(spec), ...spec.containers]) {
    const status = statuses.find((s) => s.name === container.name);
    const startedAt = Date.parse(status?.state?.running?.startedAt ?? '');
    if (Number.isNaN(startedAt)) continue;
    for (const [kind, probe] of probesRunning(container, status?.started === true, status?.ready === true)) {
      const p = effectiveProbe(probe);
      // The kubelet sees the container running within a second of the truncated startedAt, plus its relist.
      const eligibleMs = Math.max(p.initialDelaySeconds * 1000, STARTED_AT_RESOLUTION_MS + PLEG_RELIST_MS);
      const afterStartMs = eligibleMs + p.periodSeconds * 1000 + p.timeoutSeconds * 1000;
      const at = startedAt + afterStartMs;
      if (latest === undefined || at > latest.at) {
        latest = { at, afterStartMs, why: `the ${kind} probe of ${pod.metadata.name}/${container.name}: delay ${p.initialDelaySeconds}s, then its first tick within one ${p.periodSeconds}s period (+${p.timeoutSeconds}s timeout)` };
      }
    }
  }
  return latest;
}

// A container that is ready has had its readiness probe pass: only the probes with no visible
// outcome are waited for.
function probesRunning(container: Container, started: boolean, ready: boolean): [string, Probe][] {
  if (container.startupProbe && !started) return [['startup', container.startupProbe]];
  const probes: [string, Probe | undefined][] = [['liveness', container.livenessProbe], ['readiness', ready ? undefined : container.readinessProbe]];
  return probes.filter((entry): entry is [string, Probe] => entry[1] !== undefined);
}
