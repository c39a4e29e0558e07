// List-then-watch of one resource collection that does not lose or repeat a transition.
//
// Written over client-node's fetch machinery (ApiClient) rather than its Watch class: Watch reports
// a non-200 answer with the status text only (the 403's "cannot watch pods" is lost), silently drops
// lines it cannot parse (a connection cut mid-line would lose an event without anyone knowing), and
// arms a private 30 s timer (2.0.1) that aborts a quiet but healthy watch, which cannot be tuned
// through its public API. Here every end of a watch is expected and handled the same way:
//
// - the list's resourceVersion starts the first watch; every event and BOOKMARK
//   (allowWatchBookmarks=true) moves it on, and a watch that ends (server timeoutSeconds, a proxy,
//   a client-side abort) is restarted from the last one seen, so nothing is lost or repeated;
// - an inactivity timer (timeoutSeconds + a margin, reset by every chunk) aborts a watch whose TCP
//   connection died silently, and the watch is resumed;
// - errors reconnect with capped exponential back-off and jitter;
// - 410 Gone (HTTP 410, or an ERROR event whose Status has code 410 / reason Expired, see
//   apiserver pkg/storage/cacher and client-go tools/cache/reflector.go) means the resourceVersion is
//   too old: relist, and report the differences to what was known as synthetic events.
//
// Health reports tell an outage apart from a routine restart: `reconnecting` when a watch is cut
// (with the cause and the resourceVersion it resumes from), `connected` when it is back (with
// what a relist found changed, when one was needed). A watch that ends at the server's
// timeoutSeconds and restarts at once is no outage and reports nothing.

import type { KubeObject } from '../model/kube.js';
import type { WatchObservation, WatchType, WatchedResource } from '../model/observation.js';
import type { WatchHealth } from './port.js';
import { errorFromResponse, type ApiClient } from './api-client.js';
import { ApiError, UnreachableError } from './errors.js';
import { backoffDelay } from './backoff.js';
import { jsonLines } from './json-lines.js';
import { describeNetworkError } from './network-error.js';
import { objectKey, relistDiff } from './relist-diff.js';
import { redact } from './redact.js';

export interface WatchTuning {
  /** The server-side timeoutSeconds of one watch request; default random in [240, 300]. */
  timeoutSeconds?: () => number;
  /** Added to timeoutSeconds for the inactivity timer. Default 30 s. */
  inactivityMarginMs?: number;
  /** Overrides timeoutSeconds + margin entirely (tests). */
  inactivityTimeoutMs?: number;
  /** How long a watch request may wait for its response headers. Default 30 s. */
  connectTimeoutMs?: number;
  /** Delay before reconnect attempt n (1-based). Default: 0.5 s doubling to 30 s, with jitter. */
  backoff?: (attempt: number) => number;
  /** A watch that ends normally faster than this without any event counts as a failure (no hot loop). */
  minHealthyMs?: number;
  now?: () => number;
}

export interface ResourceWatchConfig {
  resource: WatchedResource;
  /** Collection path, e.g. /api/v1/namespaces/lab/pods. */
  path: string;
  labelSelector?: string;
  onObservation(observation: WatchObservation): void;
  onHealth?(health: WatchHealth): void;
}

interface ListResponse {
  kind?: string;
  apiVersion?: string;
  metadata?: { resourceVersion?: string };
  items: KubeObject[];
}

interface WatchEvent {
  type: WatchType | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; reason?: string; message?: string };
}

type WatchOutcome = { kind: 'ended'; received: number; durationMs: number } | { kind: 'gone'; message: string };

class InactivityError extends Error {
  constructor(ms: number) {
    super(`inactivity timer: no data for ${(ms / 1000).toString()} s (connection presumed dead)`);
    this.name = 'InactivityError';
  }
}

class StoppedError extends Error {
  constructor() {
    super('watch stopped');
    this.name = 'StoppedError';
  }
}

export function randomWatchTimeoutSeconds(random: () => number = Math.random): number {
  return 240 + Math.floor(random() * 61);
}

export class ResourceWatch {
  private readonly known = new Map<string, KubeObject>();
  private resourceVersion = '';
  private stopped = false;
  private current: AbortController | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private health: WatchHealth['state'] | undefined;
  /** Since when the watch has been down. */
  private outage: { since: number } | undefined;
  private readonly now: () => number;

  constructor(
    private readonly api: ApiClient,
    private readonly config: ResourceWatchConfig,
    private readonly tuning: WatchTuning = {},
  ) {
    this.now = tuning.now ?? Date.now;
  }

  /** Lists, emits the list as ADDED, then keeps watching in the background. */
  async start(): Promise<void> {
    this.report({ state: 'connecting', resource: this.config.resource });
    const list = await this.list();
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    const at = this.now();
    for (const object of list.items) {
      this.known.set(objectKey(object), object);
      this.emit('ADDED', object, at, false);
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort(new StoppedError());
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let failure: string | undefined;
      try {
        const outcome = await this.watchOnce();
        if (outcome.kind === 'gone') {
          this.lose(`410 Gone (${outcome.message})`, Math.max(1, attempt), false);
          await this.relist();
          attempt = 0;
          continue;
        }
        if (outcome.received > 0 || outcome.durationMs >= (this.tuning.minHealthyMs ?? 1000)) {
          attempt = 0;
          continue;
        }
        failure = 'the watch ended at once without any event';
      } catch (error) {
        if (this.stopped) break;
        failure = failureCause(error);
      }
      attempt += 1;
      this.lose(failure, attempt, true);
      await this.sleep((this.tuning.backoff ?? backoffDelay)(attempt));
    }
  }

  /** Reports the watch down; `since` stays the start of the outage across attempts. */
  private lose(reason: string, attempt: number, resumes: boolean): void {
    this.outage ??= { since: this.now() };
    this.report({
      state: 'reconnecting',
      resource: this.config.resource,
      since: this.outage.since,
      attempt,
      reason,
      ...(resumes && this.resourceVersion ? { resourceVersion: this.resourceVersion } : {}),
    });
  }

  private async watchOnce(): Promise<WatchOutcome> {
    const controller = new AbortController();
    this.current = controller;
    const timeoutSeconds = (this.tuning.timeoutSeconds ?? randomWatchTimeoutSeconds)();
    const inactivityMs = this.tuning.inactivityTimeoutMs ?? timeoutSeconds * 1000 + (this.tuning.inactivityMarginMs ?? 30_000);
    let timer: NodeJS.Timeout | undefined;
    const resetTimer = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new InactivityError(inactivityMs)), inactivityMs);
    };
    const started = this.now();
    let received = 0;
    resetTimer();
    // Until the headers arrive the inactivity timer (minutes) is too lenient for a dead server.
    const connectMs = this.tuning.connectTimeoutMs ?? 30_000;
    const connectTimer = setTimeout(() => controller.abort(new Error(`no response to the watch request within ${(connectMs / 1000).toString()} s`)), connectMs);
    try {
      const response = await this.api.send('GET', this.config.path, {
        what: `watch ${this.config.resource}`,
        query: {
          watch: true,
          resourceVersion: this.resourceVersion || undefined,
          allowWatchBookmarks: true,
          timeoutSeconds,
          labelSelector: this.config.labelSelector,
        },
        signal: controller.signal,
        timeoutMs: 0,
      });
      clearTimeout(connectTimer);
      if (response.status === 410) {
        const text = await response.text().catch(() => '');
        return { kind: 'gone', message: errorFromResponse('', 410, text).serverMessage };
      }
      if (response.status !== 200) throw errorFromResponse(`watch ${this.config.resource}`, response.status, await response.text());
      this.resume();
      for await (const line of jsonLines(response.stream(), resetTimer)) {
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          throw new Error(`malformed watch event: ${line.slice(0, 120)}`);
        }
        received += 1;
        if (event.type === 'BOOKMARK') {
          this.resourceVersion = event.object.metadata.resourceVersion ?? this.resourceVersion;
        } else if (event.type === 'ERROR') {
          const status = event.object;
          if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') return { kind: 'gone', message: status.message ?? status.reason ?? 'Expired' };
          throw new ApiError(`watch ${this.config.resource}`, status.code ?? 0, status.reason, status.message ?? 'watch error');
        } else {
          this.deliver(event.type, event.object);
        }
      }
      return { kind: 'ended', received, durationMs: this.now() - started };
    } finally {
      clearTimeout(timer);
      clearTimeout(connectTimer);
      controller.abort(new StoppedError());
    }
  }

  /** A real watch event: remembered, and emitted unless it repeats what is already known. */
  private deliver(type: WatchType, object: KubeObject): void {
    const key = objectKey(object);
    const before = this.known.get(key);
    if (object.metadata.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
    if (type === 'DELETED') {
      if (!before) return; // already reported gone by a relist
      this.known.delete(key);
    } else {
      if (before && before.metadata.resourceVersion === object.metadata.resourceVersion) return;
      this.known.set(key, object);
    }
    this.emit(type, object, this.now(), false);
  }

  private async relist(): Promise<void> {
    const list = await this.list();
    const at = this.now();
    const changes = relistDiff([...this.known.values()], list.items);
    // With the list in hand the view is whole again: the outage ends here, before its changes are told.
    this.resume({ missed: changes.length });
    for (const { type, object } of changes) this.emit(type, object, at, true);
    this.known.clear();
    for (const object of list.items) this.known.set(objectKey(object), object);
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
  }

  private async list(): Promise<ListResponse> {
    const list = await this.api.json<ListResponse>('GET', this.config.path, {
      what: `list ${this.config.resource}`,
      query: { labelSelector: this.config.labelSelector },
    });
    // List items come without kind/apiVersion; watch events carry them. Make both look alike.
    const kind = list.kind?.replace(/List$/, '');
    for (const item of list.items) {
      item.kind ??= kind;
      item.apiVersion ??= list.apiVersion;
    }
    return list;
  }

  private emit(type: WatchType, object: KubeObject, at: number, synthetic: boolean): void {
    const observation = { kind: 'watch', at, resource: this.config.resource, type, object } as WatchObservation;
    if (synthetic) observation.synthetic = true;
    this.config.onObservation(observation);
  }

  /** Reports the watch whole again: connected, or (with `relist`) caught up by a list. */
  private resume(relist?: { missed: number }): void {
    const outage = this.outage;
    this.outage = undefined;
    if (this.health === 'connected') return;
    this.report({ state: 'connected', resource: this.config.resource, since: this.now(), ...(outage && relist ? { relist } : {}) });
  }

  private report(health: WatchHealth): void {
    this.health = health.state;
    this.config.onHealth?.(health);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** The cause of a cut watch in a few words: "connection refused (ECONNREFUSED)", the server's message. */
function failureCause(error: unknown): string {
  if (error instanceof UnreachableError) return error.reason;
  if (error instanceof ApiError) return redact(`${error.serverMessage} (HTTP ${error.status.toString()}${error.reason ? ` ${error.reason}` : ''})`);
  return redact(describeNetworkError(error));
}
