// What expectations read: the cluster state as the timeline holds it after an observation.
// Kept as a narrow interface so the engine can be driven by the Timeline or by plain values.

import type { Deployment, Pod } from '../model/kube.js';
import type { ServiceEndpoints } from '../timeline/endpoints.js';
import type { EventView, SpamBudget } from '../timeline/events.js';
import type { Timeline } from '../timeline/timeline.js';

export interface World {
  /** The time of the latest observation (epoch ms): "now" for the core. */
  readonly now: number;
  pod(name: string): Pod | undefined;
  pods(): Pod[];
  endpoints(service: string): ServiceEndpoints | undefined;
  events(): EventView[];
  /** The spam-filter budget behind an event, when the event carries a source. */
  spamBudget(view: EventView): SpamBudget | undefined;
  /** Present only where a Deployment watch delivered the object. */
  deployment(name: string): Deployment | undefined;
}

/** Pods picked or named by actions: `$picked` and `$alias` → pod name. */
export type Bindings = ReadonlyMap<string, string>;

/** The Timeline seen as a World at time `now`. */
export function worldOf(timeline: Timeline, now: number = timeline.lastObservationAt ?? 0): World {
  return {
    now,
    pod: (name) => timeline.pod(name, now)?.pod,
    pods: () => timeline.podObjects(),
    endpoints: (service) => timeline.endpoints(service),
    events: () => timeline.events(),
    spamBudget: (view) => timeline.spamBudget(view),
    deployment: (name) => timeline.deployment(name),
  };
}
