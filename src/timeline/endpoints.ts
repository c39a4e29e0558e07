// Which pods a Service sends traffic to, read from the objects the control plane maintains:
// EndpointSlices (discovery.k8s.io/v1, labelled kubernetes.io/service-name; a service may have
// several: one per address family and one per 100 endpoints) and, for a service without any slice
// seen, the core/v1 Endpoints object of the same name (deprecated in v1.33).
//
// The two disagree about terminating pods, on purpose: the EndpointSlice controller keeps a
// terminating pod with ready=false, serving=<its readiness>, terminating=true
// (KEP-1672), while the Endpoints controller drops it at once. Both views are kept so that
// either can be asserted on.

import type { EndpointSlice, Endpoints } from '../model/kube.js';

export type EndpointState = 'ready' | 'notReady' | 'terminating';
export type EndpointSource = 'EndpointSlice' | 'Endpoints';

/** One backend of a Service: a pod (by its targetRef) or a bare address. */
export interface EndpointMember {
  /** Pod name (targetRef.name), else the first IP: how transitions identify the member. */
  key: string;
  pod?: string;
  ips: string[];
  state: EndpointState;
  /** The slice conditions as stored (unset = unknown); absent for core Endpoints. */
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  nodeName?: string;
}

/** A Service's endpoints the way `kubectl get endpoints` thinks of them, plus terminating ones. */
export interface ServiceEndpoints {
  service: string;
  source: EndpointSource;
  ready: EndpointMember[];
  notReady: EndpointMember[];
  terminating: EndpointMember[];
}

/** A member whose state differs between two views of one service and source. */
export interface MembershipChange {
  key: string;
  pod?: string;
  ips: string[];
  from: EndpointState | 'absent';
  to: EndpointState | 'absent';
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The Service an EndpointSlice belongs to, from its kubernetes.io/service-name label. */
export function serviceOfSlice(slice: EndpointSlice): string | undefined {
  return slice.metadata.labels?.[SERVICE_NAME_LABEL];
}

/**
 * The slice conditions read as discovery/v1 documents them: an unset `ready` counts as ready, an
 * unset `terminating` as not terminating; ready is false whenever terminating is true, so
 * terminating decides first.
 */
export function sliceEndpointState(conditions: EndpointMember['conditions']): EndpointState {
  if (conditions?.terminating === true) return 'terminating';
  return conditions?.ready === false ? 'notReady' : 'ready';
}

/** Merges all slices of one service; a pod listed in several (IPv4 + IPv6) becomes one member. */
export function endpointsFromSlices(service: string, slices: Iterable<EndpointSlice>): ServiceEndpoints {
  const members = new Map<string, EndpointMember>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpoint.conditions ?? {};
      add(members, {
        key: endpoint.targetRef?.name ?? endpoint.addresses[0] ?? '',
        pod: endpoint.targetRef?.name,
        ips: [...endpoint.addresses],
        state: sliceEndpointState(conditions),
        conditions: { ...conditions },
        nodeName: endpoint.nodeName,
      });
    }
  }
  return group(service, 'EndpointSlice', members);
}

/** addresses are ready, notReadyAddresses not ready; core Endpoints never list terminating pods. */
export function endpointsFromEndpoints(endpoints: Endpoints): ServiceEndpoints {
  const members = new Map<string, EndpointMember>();
  for (const subset of endpoints.subsets ?? []) {
    for (const [list, state] of [
      [subset.addresses ?? [], 'ready'],
      [subset.notReadyAddresses ?? [], 'notReady'],
    ] as const) {
      for (const address of list) {
        add(members, {
          key: address.targetRef?.name ?? address.ip,
          pod: address.targetRef?.name,
          ips: [address.ip],
          state,
          nodeName: address.nodeName,
        });
      }
    }
  }
  return group(endpoints.metadata.name, 'Endpoints', members);
}

/** The state of every member, keyed by member key. */
export function memberStates(view: ServiceEndpoints | undefined): Map<string, EndpointMember> {
  const states = new Map<string, EndpointMember>();
  if (view === undefined) return states;
  for (const member of [...view.ready, ...view.notReady, ...view.terminating]) states.set(member.key, member);
  return states;
}

/** Members that appeared, left or changed state between two views (sorted by key). */
export function diffEndpoints(before: ServiceEndpoints | undefined, after: ServiceEndpoints | undefined): MembershipChange[] {
  const old = memberStates(before);
  const now = memberStates(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: MembershipChange[] = [];
  for (const key of keys) {
    const from = old.get(key);
    const to = now.get(key);
    if (from?.state === to?.state) continue;
    const member = (to ?? from) as EndpointMember;
    changes.push({ key, pod: member.pod, ips: member.ips, from: from?.state ?? 'absent', to: to?.state ?? 'absent' });
  }
  return changes;
}

// When one pod shows up twice (one slice per address family, or a stale copy while the controller
// moves endpoints between slices) its addresses are merged and the least available state wins:
// a pod is only counted ready when every listing says so.
const RANK: Record<EndpointState, number> = { ready: 0, notReady: 1, terminating: 2 };

function add(members: Map<string, EndpointMember>, member: EndpointMember): void {
  const held = members.get(member.key);
  if (held === undefined) {
    members.set(member.key, member);
    return;
  }
  for (const ip of member.ips) if (!held.ips.includes(ip)) held.ips.push(ip);
  if (RANK[member.state] > RANK[held.state]) {
    held.state = member.state;
    held.conditions = member.conditions;
  }
}

function group(service: string, source: EndpointSource, members: Map<string, EndpointMember>): ServiceEndpoints {
  const sorted = [...members.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    service,
    source,
    ready: sorted.filter((m) => m.state === 'ready'),
    notReady: sorted.filter((m) => m.state === 'notReady'),
    terminating: sorted.filter((m) => m.state === 'terminating'),
  };
}

/**
 * The EndpointSlices and Endpoints of a namespace, as last reported by the watch. Slices are
 * indexed by service and each service's views kept until one of its objects changes, so a
 * change costs the size of its own service, never a scan of every slice in the namespace.
 * The views handed out are shared: read them, do not change them.
 */
export class EndpointStore {
  /** Each slice, with its place in arrival order (slices merge in that order). */
  readonly #slices = new Map<string, { slice: EndpointSlice; order: number }>();
  #arrivals = 0;
  readonly #slicesOf = new Map<string, Set<string>>();
  readonly #endpoints = new Map<string, Endpoints>();
  readonly #views = { EndpointSlice: new Map<string, ServiceEndpoints | undefined>(), Endpoints: new Map<string, ServiceEndpoints | undefined>() };

  /** The service a slice belongs to, from its label or, failing that, from the copy held. */
  sliceService(slice: EndpointSlice): string | undefined {
    const held = this.#slices.get(sliceKey(slice))?.slice;
    return serviceOfSlice(slice) ?? (held && serviceOfSlice(held));
  }

  /** Stores or removes a slice; returns the services whose view it may have changed (before and after). */
  applySlice(type: 'ADDED' | 'MODIFIED' | 'DELETED', slice: EndpointSlice): string[] {
    const key = sliceKey(slice);
    const held = this.#slices.get(key);
    const before = held && serviceOfSlice(held.slice);
    const after = type === 'DELETED' ? undefined : serviceOfSlice(slice);
    if (before !== undefined) this.#slicesOf.get(before)!.delete(key);
    if (type === 'DELETED') this.#slices.delete(key);
    else if (held) held.slice = slice;
    else this.#slices.set(key, { slice, order: this.#arrivals++ });
    if (after !== undefined) {
      const keys = this.#slicesOf.get(after);
      if (keys) keys.add(key);
      else this.#slicesOf.set(after, new Set([key]));
    }
    const services = [...new Set([before, after])].filter((service): service is string => service !== undefined);
    for (const service of services) {
      this.#views.EndpointSlice.delete(service);
      if (this.#slicesOf.get(service)?.size === 0) this.#slicesOf.delete(service);
    }
    return services;
  }

  /** Stores or removes an Endpoints object (named after its service). */
  applyEndpoints(type: 'ADDED' | 'MODIFIED' | 'DELETED', endpoints: Endpoints): void {
    if (type === 'DELETED') this.#endpoints.delete(endpoints.metadata.name);
    else this.#endpoints.set(endpoints.metadata.name, endpoints);
    this.#views.Endpoints.delete(endpoints.metadata.name);
  }

  /** The view from one source; undefined when nothing of that source is held for the service. */
  from(service: string, source: EndpointSource): ServiceEndpoints | undefined {
    const views = this.#views[source];
    if (views.has(service)) return views.get(service);
    const view = source === 'Endpoints' ? this.#fromEndpoints(service) : this.#fromSlices(service);
    views.set(service, view);
    return view;
  }

  /** EndpointSlices when any slice of the service is held, else core Endpoints. */
  view(service: string): ServiceEndpoints | undefined {
    return this.from(service, 'EndpointSlice') ?? this.from(service, 'Endpoints');
  }

  /** Every service with a slice or an Endpoints object held, sorted. */
  services(): string[] {
    return [...new Set([...this.#endpoints.keys(), ...this.#slicesOf.keys()])].sort();
  }

  #fromEndpoints(service: string): ServiceEndpoints | undefined {
    const endpoints = this.#endpoints.get(service);
    return endpoints && endpointsFromEndpoints(endpoints);
  }

  #fromSlices(service: string): ServiceEndpoints | undefined {
    const keys = this.#slicesOf.get(service);
    if (keys === undefined) return undefined;
    const held = [...keys].map((key) => this.#slices.get(key)!).sort((a, b) => a.order - b.order);
    return endpointsFromSlices(service, held.map((entry) => entry.slice));
  }
}

function sliceKey(slice: EndpointSlice): string {
  return slice.metadata.uid ?? slice.metadata.name;
}
