// Events as `kubectl describe` shows them, plus what client-go's event recorder does to them
// before they reach the API server (so an expectation can tell "not yet" from "never").
//
// Display: DescribeEvents in kubernetes/kubectl pkg/describe/describe.go prints
//   Type  Reason  Age  From  Message
// with Age = "<last> (x<count> over <first>)" for repeated events, sorted by
// SortableEvents (kubectl pkg/util/event): series.lastObservedTime, else lastTimestamp, else eventTime.
//
// Recording: client-go tools/record/events_cache.go (EventCorrelator, used by the kubelet and the
// controllers that write core/v1 events with `source.component`):
//   - an identical event (same source, object incl. fieldPath, type, reason, message) is patched in
//     place: count+1 and a new lastTimestamp (the MODIFIED lines in every recording);
//   - EventAggregator: once 10 (defaultAggregateMaxEvents) events that differ only in message are
//     seen within 600 s (defaultAggregateIntervalInSeconds), further ones become one event whose
//     message is "(combined from similar events): " + message;
//   - EventSourceObjectSpamFilter: a token bucket per source + involved object (no fieldPath, no
//     reason: getSpamKey) with burst 25 (defaultSpamBurst) and refill 1/300 s (defaultSpamQPS).
//     Every write, new event or count bump, takes a token; without one the write is dropped. The
//     dropped occurrences are still counted in the recorder's cache, so the next accepted write
//     makes `count` jump.
// Events written through events.k8s.io (the scheduler's "Scheduled": eventTime, series, empty
// source) do not go through that correlator.

import type { KubeEvent, ObjectReference } from '../model/kube.js';
import { parseTime, since } from './duration.js';
import { sameJson } from './same-json.js';
import { Interner, UNSHARED, again, internValues, shared, type StringPool } from './intern.js';
import { VersionTracker, believe } from './versions.js';

/** The numbers of client-go's EventCorrelator defaults (tools/record/events_cache.go). */
export const EVENT_CORRELATOR = {
  /** defaultAggregateMaxEvents: similar events (differing only in message) before they are combined. */
  aggregateMaxEvents: 10,
  /** defaultAggregateIntervalInSeconds, in ms: the window those similar events must fall in. */
  aggregateIntervalMs: 600_000,
  /** EventAggregatorByReasonMessageFunc's prefix on a combined event's message. */
  combinedPrefix: '(combined from similar events): ',
  /** defaultSpamBurst: writes a source may make about one object before it is throttled. */
  spamBurst: 25,
  /** 1 / defaultSpamQPS, in ms: one more write per source and object every 5 minutes. */
  spamRefillMs: 300_000,
} as const;

/** One event object as the timeline holds it, with the fields `kubectl describe` reads. */
export interface EventView {
  /** metadata.uid, or namespace/name when the object has no uid. */
  key: string;
  name: string;
  namespace?: string;
  type: string;
  reason: string;
  /** The message with surrounding whitespace trimmed, as kubectl prints it. */
  message: string;
  /** kubectl's From column: source.component, else reportingComponent (reportingController). */
  from: string;
  involvedObject: { kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string };
  /** Occurrences: series.count, else count, else 1. */
  count: number;
  /** eventTime, else firstTimestamp (epoch ms). */
  firstSeen?: number;
  /** series.lastObservedTime, else lastTimestamp, else eventTime (epoch ms); what kubectl sorts by. */
  lastSeen?: number;
  /** The message carries the EventAggregator's "(combined from similar events): " prefix. */
  combined: boolean;
  /** The spam-filter bucket this event draws from; undefined for events.k8s.io events. */
  spamKey?: string;
  /** The fields of the event object that `kubectl describe` prints from (see describeEventRow). */
  event: EventRecord;
}

/**
 * What a view keeps of the event object: the fields its Events row is made of and those that say
 * which object it is about, so it still reads as an event object (grading reads events so). The
 * rest (metadata beyond name, namespace and uid; reportingInstance, action, related) is dropped,
 * so a namespace's thousands of events cost their rows, not their API objects.
 */
export type EventRecord = Pick<KubeEvent, 'involvedObject' | 'type' | 'reason' | 'message' | 'count' | 'firstTimestamp' | 'lastTimestamp' | 'eventTime' | 'series' | 'source' | 'reportingComponent'> & {
  metadata: Pick<KubeEvent['metadata'], 'name' | 'namespace' | 'uid'>;
};

/** One line of the Events table of `kubectl describe`. */
export interface DescribeEventRow {
  type: string;
  reason: string;
  /** e.g. `7m38s (x3 over 7m48s)`, or `12s` for a single occurrence. */
  age: string;
  from: string;
  message: string;
}

/**
 * The view of one event object; `intern` shares the strings it repeats with other views, and
 * `previous` (the same event object's last view) what a repeat did not change.
 */
export function eventView(event: KubeEvent, intern: StringPool = UNSHARED, key: string = eventKey(event), previous?: EventView): EventView {
  const source = event.source && intern.object(sourceKey(event.source), () => internValues(event.source!, intern));
  // A repeat is about the same object, from the same source: the held copies serve it.
  const same = previous !== undefined && previous.event.source === source && sameJson(previous.involvedObject, event.involvedObject);
  const involved = same ? undefined : involvedOf(event.involvedObject, intern);
  const involvedObject = same ? previous.involvedObject : involved!.reference(event.involvedObject);
  const namespace = shared(intern, previous?.namespace, event.metadata.namespace);
  const record = eventRecord(event, intern, previous?.event, { name: event.metadata.name, namespace, uid: again(previous?.event.metadata.uid, event.metadata.uid) }, involvedObject, source);
  const raw = record.message ?? '';
  const trimmed = raw.trim();
  const message = trimmed === raw ? raw : shared(intern, previous?.message, trimmed);
  return {
    key,
    name: record.metadata.name,
    namespace,
    type: record.type ?? '',
    reason: record.reason ?? '',
    message,
    from: eventSource(record),
    involvedObject,
    count: eventCount(event),
    // A repeat keeps its first time: parsed once per event object.
    firstSeen: previous && previous.event.eventTime === record.eventTime && previous.event.firstTimestamp === record.firstTimestamp ? previous.firstSeen : parseTime(event.eventTime) ?? parseTime(event.firstTimestamp),
    lastSeen: eventSortTime(event),
    combined: message.startsWith(EVENT_CORRELATOR.combinedPrefix),
    spamKey: same ? previous.spamKey : involved!.spamKey(event, source),
    event: record,
  };
}

function eventRecord(event: KubeEvent, intern: StringPool, previous: EventRecord | undefined, metadata: EventRecord['metadata'], involvedObject: EventRecord['involvedObject'], source: EventRecord['source']): EventRecord {
  // Every field of EventRecord: the compiler checks the list against the type.
  const record: { [K in keyof Required<EventRecord>]: EventRecord[K] } = {
    metadata,
    involvedObject,
    type: shared(intern, previous?.type, event.type),
    reason: shared(intern, previous?.reason, event.reason),
    message: shared(intern, previous?.message, event.message),
    count: event.count,
    // A second's events share their timestamps.
    firstTimestamp: shared(intern, previous?.firstTimestamp, event.firstTimestamp),
    lastTimestamp: shared(intern, previous?.lastTimestamp, event.lastTimestamp),
    eventTime: shared(intern, previous?.eventTime, event.eventTime),
    series: event.series,
    source,
    reportingComponent: shared(intern, previous?.reportingComponent, event.reportingComponent),
  };
  return record;
}

// Every source is one of a few (the kubelet on each node, the controllers): held once each.
function sourceKey(source: NonNullable<KubeEvent['source']>): string {
  for (const field in source) if (field !== 'component' && field !== 'host') return `\0source\0${JSON.stringify(source)}`;
  return `\0source\0${source.component ?? '\0'}\0${source.host ?? '\0'}`;
}

/**
 * What the events about one object share: its reference's strings and the spam keys drawn on
 * it, held once per object rather than once per event.
 */
class Involved {
  readonly #identity: Pick<ObjectReference, 'kind' | 'namespace' | 'name' | 'uid' | 'apiVersion'>;
  readonly #spamKeys = new Map<object | undefined, string | undefined>();
  readonly #pool: StringPool;

  constructor(reference: ObjectReference, pool: StringPool) {
    this.#pool = pool;
    const { kind, namespace, name, uid, apiVersion } = internValues(reference, pool, IDENTITY);
    this.#identity = { kind, namespace, name, uid, apiVersion };
  }

  names(reference: ObjectReference): boolean {
    const i = this.#identity;
    return i.kind === reference.kind && i.namespace === reference.namespace && i.name === reference.name && i.uid === reference.uid && i.apiVersion === reference.apiVersion;
  }

  /** A copy of `reference` (which names this object) with the shared strings, in its own field order. */
  reference(reference: ObjectReference): ObjectReference {
    const copy = { ...reference };
    for (const field of IDENTITY) if (field in copy) copy[field] = this.#identity[field];
    if (copy.fieldPath !== undefined) copy.fieldPath = this.#pool.string(copy.fieldPath);
    return copy;
  }

  /** The event's spam key; `source` is the held (shared) copy of the event's source. */
  spamKey(event: KubeEvent, source: object | undefined): string | undefined {
    if (this.#spamKeys.has(source)) return this.#spamKeys.get(source);
    const key = this.#pool.string(spamKey(event));
    this.#spamKeys.set(source, key);
    return key;
  }
}

const IDENTITY = ['kind', 'namespace', 'name', 'uid', 'apiVersion'] as const;

function involvedOf(reference: ObjectReference, pool: StringPool): Involved {
  // Keyed by uid (a uid never starts with NUL, which the pool's other keys do), else by name.
  const held = pool.object(reference.uid ?? `\0involved\0${reference.name ?? ''}`, () => new Involved(reference, pool));
  return held.names(reference) ? held : new Involved(reference, pool);
}

/** Occurrences of an event: series.count for events.k8s.io series, else count (at least 1). */
export function eventCount(event: Pick<KubeEvent, 'series' | 'count'>): number {
  if (event.series?.count !== undefined) return event.series.count;
  return event.count && event.count > 0 ? event.count : 1;
}

/** The Age column of `kubectl describe` (DescribeEvents) at time `now`. */
export function describeEventAge(event: EventRecord, now: number): string {
  const first = event.eventTime ? since(event.eventTime, now) : since(event.firstTimestamp, now);
  if (event.series) return `${since(event.series.lastObservedTime, now)} (x${event.series.count ?? 0} over ${first})`;
  if ((event.count ?? 0) > 1) return `${since(event.lastTimestamp, now)} (x${event.count} over ${first})`;
  return first;
}

export function describeEventRow(event: EventRecord, now: number): DescribeEventRow {
  return {
    type: event.type ?? '',
    reason: event.reason ?? '',
    age: describeEventAge(event, now),
    from: eventSource(event),
    message: (event.message ?? '').trim(),
  };
}

/**
 * The Events section of `kubectl describe`, columns aligned like its tabwriter
 * (minwidth 0, padding 2), sorted oldest first.
 */
export function formatEvents(events: readonly EventRecord[], now: number): string {
  if (events.length === 0) return 'Events:  <none>\n';
  const rows = sortEvents(events).map((event) => describeEventRow(event, now));
  const table = [
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...rows.map((row) => [row.type, row.reason, row.age, row.from, row.message]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const lines = table.map((cells) => '  ' + cells.map((cell, column) => (column < 4 ? cell.padEnd((widths[column] ?? 0) + 2) : cell)).join(''));
  return `Events:\n${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** kubectl's SortableEvents order: oldest first by series.lastObservedTime / lastTimestamp / eventTime. */
export function sortEvents<E extends EventRecord>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (eventSortTime(a) ?? 0) - (eventSortTime(b) ?? 0));
}

/** The time kubectl sorts an event by (kubectl pkg/util/event eventTime). */
export function eventSortTime(event: Pick<KubeEvent, 'series' | 'lastTimestamp' | 'eventTime'>): number | undefined {
  if (event.series) return parseTime(event.series.lastObservedTime);
  return parseTime(event.lastTimestamp) ?? parseTime(event.eventTime);
}

/**
 * The EventSourceObjectSpamFilter bucket key (getSpamKey: source component and host, involved
 * object kind, namespace, name, uid and apiVersion). Undefined for an event without
 * source.component: those come from events.k8s.io recorders that have no such filter.
 */
export function spamKey(event: KubeEvent): string | undefined {
  const component = event.source?.component;
  if (!component) return undefined;
  const o = event.involvedObject;
  return [component, event.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''].join('/');
}

/** How far one source has used up its spam-filter budget for one object. */
export interface SpamBudget {
  key: string;
  /**
   * Occurrences recorded under this key: the sum of the counts of its events. Until the filter
   * first drops something this equals the writes made (each write adds exactly one).
   */
  recorded: number;
  /** The earliest firstTimestamp among its events: when the bucket was full (epoch ms). */
  since?: number;
  /**
   * `recorded` has reached the default burst (25): with client-go's defaults this source's further
   * writes about this object (any reason) pass at one per 5 minutes, so an event count may stall
   * for minutes while the condition behind it goes on. A count that does not rise is then no
   * evidence that the condition stopped. It is a "may", not a "will": the bucket refills while
   * events are sparse, and a component built with other CorrelatorOptions has another budget
   * (the cluster behind ../shared/fixtures/liveness-always-500.jsonl wrote 30 in 43 s).
   */
  limited: boolean;
}

export function spamBudget(key: string, events: Iterable<EventView>): SpamBudget {
  let recorded = 0;
  let first: number | undefined;
  for (const view of events) {
    if (view.spamKey !== key) continue;
    recorded += view.count;
    if (view.firstSeen !== undefined && (first === undefined || view.firstSeen < first)) first = view.firstSeen;
  }
  return { key, recorded, since: first, limited: recorded >= EVENT_CORRELATOR.spamBurst };
}

/**
 * The most writes the spam filter can have let through for one source and object by time `at`,
 * if its bucket was full at `since`: burst + one per refill period. A count that would need more
 * cannot have been reached yet, however long the underlying condition lasts.
 */
export function spamAllowance(since: number, at: number): number {
  return EVENT_CORRELATOR.spamBurst + Math.max(0, Math.floor((at - since) / EVENT_CORRELATOR.spamRefillMs));
}

/** What applying one event observation did to the store. */
export interface EventChange {
  view: EventView;
  /** The event object was not held before. */
  isNew: boolean;
  /** Its count before this observation (0 when new). */
  previousCount: number;
}

/** Which involved object to list events for; unset fields match anything. */
export interface InvolvedObjectFilter {
  kind?: string;
  name?: string;
  uid?: string;
  fieldPath?: string;
}

/**
 * The event objects of a namespace as the watch reports them. Repeats of one event arrive as
 * MODIFIED updates of the same object, so the store keys on the object: that IS kubectl's
 * aggregation, and a count that rises is a new occurrence.
 *
 * What the judge asks for is indexed (events by reason, by involved object, per spam key), so
 * no question scans the namespace; list() without an object and spamBudget() over a list
 * (`spamBudget`) are the plain scans the indexes are tested against.
 */
export class EventStore {
  /** Each event's view, its place in arrival order (kubectl's sort is stable over it), its version. */
  readonly #held = new Map<string, Held>();
  #arrivals = 0;
  /** Uids of deleted events: nothing more about them is believed (deliver()). */
  readonly #gone = new Set<string>();
  readonly #unnamed = new VersionTracker();
  readonly #byReason = new KeyIndex();
  /** By involved object name ('' for none: matches() tells those from a name ''). */
  readonly #byObject = new KeyIndex();
  /** Per spam key, the budget its events add up to: kept as events arrive. */
  readonly #budgets = new Map<string, { recorded: number; since?: number; events: number }>();
  readonly #pool: StringPool;

  /** `pool` shares the views' strings with each other (and with whatever else draws from it). */
  constructor(pool: StringPool = new Interner()) {
    this.#pool = pool;
  }

  /**
   * Applies an ADDED/MODIFIED/DELETED event. Returns the change when the event is new or its
   * count rose; undefined for a deletion (events expire after the API server's event TTL), a
   * repeat, or an update that does not add an occurrence.
   */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: KubeEvent): EventChange | undefined {
    const key = eventKey(event);
    return this.#store(type, event, key, this.#held.get(key));
  }

  /**
   * A watch delivery: applied as apply() does when it is believed, judged as a VersionTracker
   * judges deliveries (versions.ts) but against the version held with the event itself, so one
   * lookup serves both. Undefined when not believed (a repeat, an older version, anything about
   * a deleted event); else the event as now held (undefined: deleted) and the change.
   */
  deliver(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: KubeEvent): { key: string; view?: EventView; change?: EventChange } | undefined {
    const { uid, name, resourceVersion } = event.metadata;
    // Events without a uid (hand-built ones) are tracked by name, as VersionTracker does.
    if (uid === undefined) return this.#unnamed.admit(type, uid, name, resourceVersion) ? this.#delivered(type, event, eventKey(event)) : undefined;
    const held = this.#held.get(uid);
    return believe(type, resourceVersion, uid, held, this.#gone) ? this.#delivered(type, event, uid, held) : undefined;
  }

  #delivered(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: KubeEvent, key: string, held = this.#held.get(key)): { key: string; view?: EventView; change?: EventChange } {
    const change = this.#store(type, event, key, held);
    const now = type === 'DELETED' ? undefined : this.#held.get(key)!;
    if (now !== undefined) now.version = event.metadata.resourceVersion ?? held?.version;
    return { key: now?.view.key ?? key, view: now?.view, change };
  }

  #store(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: KubeEvent, key: string, held: Held | undefined): EventChange | undefined {
    if (type === 'DELETED') {
      if (held) {
        this.#held.delete(key);
        this.#reindex(held.view, undefined);
      }
      return undefined;
    }
    // The key string held already, so one copy serves the map, the view and the indexes.
    const view = eventView(event, this.#pool, held?.view.key ?? key, held?.view);
    if (held === undefined) {
      this.#held.set(view.key, { view, order: this.#arrivals++ });
      this.#reindex(undefined, view);
      return { view, isNew: true, previousCount: 0 };
    }
    const before = held.view;
    held.view = view;
    this.#reindex(before, view);
    return view.count > before.count ? { view, isNew: false, previousCount: before.count } : undefined;
  }

  get(key: string): EventView | undefined {
    return this.#held.get(key)?.view;
  }

  /** Events (optionally about one object), oldest first as kubectl describe lists them. */
  list(filter: InvolvedObjectFilter = {}): EventView[] {
    const candidates = filter.name === undefined ? [...this.#held.values()] : this.#entries(this.#byObject.keys(filter.name));
    return oldestFirst(candidates.filter((entry) => matches(entry.view, filter)));
  }

  /** Events with this reason, oldest first. */
  withReason(reason: string): EventView[] {
    return oldestFirst(this.#entries(this.#byReason.keys(reason)));
  }

  /** The spam-filter budget behind an event (undefined for events.k8s.io events). */
  spamBudget(view: EventView): SpamBudget | undefined {
    if (view.spamKey === undefined) return undefined;
    const budget = this.#budgets.get(view.spamKey);
    const recorded = budget?.recorded ?? 0;
    return { key: view.spamKey, recorded, since: budget?.since, limited: recorded >= EVENT_CORRELATOR.spamBurst };
  }

  /** spamBudget(view)?.limited, without making the budget. */
  limited(view: EventView): boolean {
    return view.spamKey !== undefined && (this.#budgets.get(view.spamKey)?.recorded ?? 0) >= EVENT_CORRELATOR.spamBurst;
  }

  #entries(keys: Iterable<string>): Held[] {
    const entries = [];
    for (const key of keys) entries.push(this.#held.get(key)!);
    return entries;
  }

  /** One event's view went from `before` to `after` (undefined: not held); `#held` already has `after`. */
  #reindex(before: EventView | undefined, after: EventView | undefined): void {
    const key = (after ?? before)!.key;
    this.#byReason.move(key, before?.reason, after?.reason);
    this.#byObject.move(key, objectOf(before), objectOf(after));
    if (before?.spamKey !== undefined && before.spamKey === after?.spamKey && before.firstSeen === after.firstSeen) {
      this.#budgets.get(before.spamKey)!.recorded += after.count - before.count;
      return;
    }
    if (before?.spamKey !== undefined) this.#unbudget(before, before.spamKey);
    if (after?.spamKey !== undefined) this.#budget(after, after.spamKey);
  }

  #budget(view: EventView, spamKey: string): void {
    const budget = this.#budgets.get(spamKey) ?? { recorded: 0, events: 0 };
    budget.recorded += view.count;
    budget.events++;
    if (view.firstSeen !== undefined && (budget.since === undefined || view.firstSeen < budget.since)) budget.since = view.firstSeen;
    this.#budgets.set(spamKey, budget);
  }

  #unbudget(view: EventView, spamKey: string): void {
    const budget = this.#budgets.get(spamKey)!;
    budget.recorded -= view.count;
    if (--budget.events === 0) this.#budgets.delete(spamKey);
    else if (view.firstSeen === budget.since) {
      // The earliest firstSeen left, among the events held about the same object (the spam key
      // names it; `view` itself is no longer held under this key).
      const others = this.#entries(this.#byObject.keys(objectOf(view)!)).map((entry) => entry.view);
      budget.since = spamBudget(spamKey, others.filter((other) => other !== view)).since;
    }
  }
}

const objectOf = (view: EventView | undefined): string | undefined => view && (view.involvedObject.name ?? '');

interface Held {
  view: EventView;
  order: number;
  /** The resourceVersion of the delivery the view was made from (deliver()). */
  version?: string;
}

/** kubectl's order; ties keep arrival order, as a stable sort of the whole store would. */
function oldestFirst(entries: Held[]): EventView[] {
  return entries.sort((a, b) => (a.view.lastSeen ?? 0) - (b.view.lastSeen ?? 0) || a.order - b.order).map((entry) => entry.view);
}

/** Event keys grouped by one of their fields, each group in the order its keys joined it. */
class KeyIndex {
  readonly #groups = new Map<string, Set<string>>();

  keys(value: string): Iterable<string> {
    return this.#groups.get(value) ?? [];
  }

  /** The key's field went from `from` to `to` (undefined: not held). */
  move(key: string, from: string | undefined, to: string | undefined): void {
    if (from === to) return;
    if (from !== undefined) {
      const group = this.#groups.get(from)!;
      group.delete(key);
      if (group.size === 0) this.#groups.delete(from);
    }
    if (to === undefined) return;
    const group = this.#groups.get(to);
    if (group) group.add(key);
    else this.#groups.set(to, new Set([key]));
  }
}

function matches(view: EventView, filter: InvolvedObjectFilter): boolean {
  const o = view.involvedObject;
  return (
    (filter.kind === undefined || o.kind === filter.kind) &&
    (filter.name === undefined || o.name === filter.name) &&
    (filter.uid === undefined || o.uid === filter.uid) &&
    (filter.fieldPath === undefined || o.fieldPath === filter.fieldPath)
  );
}

export function eventKey(event: KubeEvent): string {
  return event.metadata.uid ?? `${event.metadata.namespace ?? ''}/${event.metadata.name}`;
}

function eventSource(event: Pick<KubeEvent, 'source' | 'reportingComponent'>): string {
  return event.source?.component || event.reportingComponent || '';
}
