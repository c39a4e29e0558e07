// Each Service's backends grouped as ready / not ready / terminating, kept from the timeline's
// endpointChanged transitions. Both sources are kept per service, as the Timeline does, and the
// one it presents (EndpointSlices once any slice is held) is shown.

import type { EndpointSource, EndpointState } from '../timeline/endpoints.js';
import type { Transition } from '../timeline/transitions.js';

export interface EndpointEntry {
  /** Pod name, or the IP of an address without a targetRef. */
  key: string;
  pod?: string;
  state: EndpointState;
  changedAt: number;
}

export interface ServiceView {
  service: string;
  /** The source the timeline presents; undefined until a backend is reported. */
  source?: EndpointSource;
  members: Partial<Record<EndpointSource, readonly EndpointEntry[]>>;
}

export interface EndpointGroups {
  ready: readonly EndpointEntry[];
  notReady: readonly EndpointEntry[];
  terminating: readonly EndpointEntry[];
}

/** Services known before any backend is reported (from the manifests or what was applied). */
export function withServices(services: readonly ServiceView[], names: readonly string[]): readonly ServiceView[] {
  const missing = names.filter((name) => !services.some((view) => view.service === name));
  if (missing.length === 0) return services;
  return [...services, ...missing.map((service) => ({ service, members: {} }))].sort((a, b) => a.service.localeCompare(b.service));
}

export function applyEndpointTransitions(services: readonly ServiceView[], transitions: readonly Transition[]): readonly ServiceView[] {
  let next = services;
  for (const transition of transitions) {
    if (transition.kind !== 'endpointChanged') continue;
    next = withServices(next, [transition.service]);
    next = next.map((view) => {
      if (view.service !== transition.service) return view;
      const others = (view.members[transition.source] ?? []).filter((entry) => entry.key !== transition.key);
      const entries =
        transition.to === 'absent'
          ? others
          : [...others, { key: transition.key, pod: transition.pod, state: transition.to, changedAt: transition.at }].sort((a, b) => a.key.localeCompare(b.key));
      const source = transition.preferred ? transition.source : view.source === transition.source ? otherSource(transition.source) : view.source;
      return { ...view, source, members: { ...view.members, [transition.source]: entries } };
    });
  }
  return next;
}

export function endpointGroups(view: ServiceView): EndpointGroups {
  const members = view.source ? (view.members[view.source] ?? []) : [];
  return {
    ready: members.filter((m) => m.state === 'ready'),
    notReady: members.filter((m) => m.state === 'notReady'),
    terminating: members.filter((m) => m.state === 'terminating'),
  };
}

function otherSource(source: EndpointSource): EndpointSource {
  return source === 'EndpointSlice' ? 'Endpoints' : 'EndpointSlice';
}
