// The timeline: per-pod state, Service endpoints and events built from observations, and the
// typed transitions between them. Pure; see timeline.ts.

export { Timeline } from './timeline.js';
export type { PodView, TimelineOptions, Touched, Update } from './timeline.js';
export type { HeldContainer, HeldMeta, HeldPod, HeldSpec } from './held-pod.js';
export { ownedByDeployment, ownedPods, owningDeployments } from './owners.js';
export type { OwnedPods } from './owners.js';
export type * from './transitions.js';
export { podColumns, readinessGates, isRestartable } from './pod-columns.js';
export type { PodColumns } from './pod-columns.js';
export { humanDuration, parseTime, since } from './duration.js';
export {
  EVENT_CORRELATOR,
  EventStore,
  describeEventAge,
  describeEventRow,
  eventCount,
  eventKey,
  eventSortTime,
  eventView,
  formatEvents,
  sortEvents,
  spamAllowance,
  spamBudget,
  spamKey,
} from './events.js';
export type { DescribeEventRow, EventChange, EventRecord, EventView, InvolvedObjectFilter, SpamBudget } from './events.js';
export {
  EndpointStore,
  SERVICE_NAME_LABEL,
  diffEndpoints,
  endpointsFromEndpoints,
  endpointsFromSlices,
  memberStates,
  serviceOfSlice,
  sliceEndpointState,
} from './endpoints.js';
export type { EndpointMember, EndpointSource, EndpointState, MembershipChange, ServiceEndpoints } from './endpoints.js';
export { VersionTracker, believe, isNewerVersion } from './versions.js';
