// What expectations read: the cluster state as the timeline holds it after an observation.
// Kept as a narrow interface so the engine can be driven by the Timeline or by plain values.

import type { Deployment } from '../model/kube.js';
import type { ServiceEndpoints } from '../timeline/endpoints.js';
import type { EventView, SpamBudget } from '../timeline/events.js';
import type { HeldPod } from '../timeline/held-pod.js';
import { ownedPods, type OwnedPods } from '../timeline/owners.js';
import type { Timeline } from '../timeline/timeline.js';

export interface World {
  /** The time of the latest observation (epoch ms): "now" for the core. */
  readonly now: number;
  pod(name: string): HeldPod | undefined;
  /** Every pod held, in no particular order. */
  pods(): HeldPod[];
  endpoints(service: string): ServiceEndpoints | undefined;
  /** Events held, oldest first as kubectl lists them; with `about`, only those about the object of that name. */
  events(about?: string): EventView[];
  /** Events with this reason, oldest first: all that an event expectation can count. */
  eventsWithReason(reason: string): EventView[];
  /** The spam-filter budget behind an event, when the event carries a source. */
  spamBudget(view: EventView): SpamBudget | undefined;
  /** Present only where a Deployment watch delivered the object. */
  deployment(name: string): Deployment | undefined;
  /** The pods the Deployment's ReplicaSets own, not terminating: how many, how many Ready. */
  ownedPods(deployment: string): OwnedPods;
}

/** Pods picked or named by actions: `$picked` and `$alias` → pod name. */
export type Bindings = ReadonlyMap<string, string>;

/**
 * The Timeline seen as a World at time `now`: answered from its indexes, or with `plain` by
 * reading every pod and event held (the reference the indexes are tested against).
 */
export function worldOf(timeline: Timeline, now: number = timeline.lastObservationAt ?? 0, plain = false): World {
  return plain ? new ScanningWorld(timeline, now) : new TimelineWorld(timeline, now);
}

// One object per observation (the judge makes a world for each), its methods on the prototype.
class TimelineWorld implements World {
  constructor(
    protected readonly timeline: Timeline,
    readonly now: number,
  ) {}

  pod(name: string): HeldPod | undefined {
    return this.timeline.pod(name, this.now)?.pod;
  }

  pods(): HeldPod[] {
    return this.timeline.podObjects();
  }

  endpoints(service: string): ServiceEndpoints | undefined {
    return this.timeline.endpoints(service);
  }

  events(about?: string): EventView[] {
    return this.timeline.events(about === undefined ? undefined : { name: about });
  }

  eventsWithReason(reason: string): EventView[] {
    return this.timeline.eventsWithReason(reason);
  }

  spamBudget(view: EventView): SpamBudget | undefined {
    return this.timeline.spamBudget(view);
  }

  deployment(name: string): Deployment | undefined {
    return this.timeline.deployment(name);
  }

  ownedPods(deployment: string): OwnedPods {
    return this.timeline.ownedPods(deployment);
  }
}

class ScanningWorld extends TimelineWorld {
  override events(about?: string): EventView[] {
    return this.timeline.events().filter((view) => about === undefined || view.involvedObject.name === about);
  }

  override eventsWithReason(reason: string): EventView[] {
    return this.timeline.events().filter((view) => view.reason === reason);
  }

  override ownedPods(deployment: string): OwnedPods {
    return ownedPods(this.timeline.podObjects(), deployment);
  }
}
