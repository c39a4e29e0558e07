// Watch outages as a run reports them: one entry when a watch is cut and one when it is back,
// whatever the number of reconnect attempts in between, and how much of a step's time fell inside
// an outage. A verdict reached on evidence with a gap says so in its reason, so that a reader of a
// CI log knows the gap was there (and, from the resume entry, that it was filled).

import type { WatchHealth } from '../cluster/port.js';
import type { StepVerdict } from '../expect/step.js';
import { formatDuration } from '../lab/duration.js';

export interface WatchLost {
  kind: 'watchLost';
  at: number;
  resource: string;
  cause: string;
  /** The resourceVersion the watch resumes from; absent when it relists (410 Gone). */
  resourceVersion?: string;
}

export interface WatchResumed {
  kind: 'watchResumed';
  at: number;
  resource: string;
  downMs: number;
  /** Set when the watch had to relist: the changes it found, whose own events were lost. */
  relist?: { missed: number };
  /** Set when it resumed from a resourceVersion instead: the server replayed what happened meanwhile. */
  resourceVersion?: string;
}

export type WatchGap = WatchLost | WatchResumed;

export interface DownTime {
  resource: string;
  ms: number;
  /** The watch was still down at the end of the window. */
  downAtEnd: boolean;
}

export class WatchGaps {
  readonly entries: WatchGap[] = [];
  readonly #open = new Map<string, WatchLost>();

  /** The entry a health report makes (the first report of an outage, or its end), if any. */
  note(health: WatchHealth, at: number): WatchGap | undefined {
    const open = this.#open.get(health.resource);
    let gap: WatchGap | undefined;
    if (health.state === 'reconnecting' && !open) {
      gap = { kind: 'watchLost', at, resource: health.resource, cause: health.reason, ...(health.resourceVersion ? { resourceVersion: health.resourceVersion } : {}) };
      this.#open.set(health.resource, gap);
    } else if (health.state === 'connected' && open) {
      this.#open.delete(health.resource);
      gap = {
        kind: 'watchResumed',
        at,
        resource: health.resource,
        downMs: Math.max(0, at - open.at),
        ...(health.relist ? { relist: health.relist } : open.resourceVersion ? { resourceVersion: open.resourceVersion } : {}),
      };
    }
    if (gap) this.entries.push(gap);
    return gap;
  }

  /** Per watch, how long it was down between `from` and `to` (only watches that were). */
  downDuring(from: number, to: number): DownTime[] {
    const down = new Map<string, DownTime>();
    const starts = new Map<string, number>();
    const add = (resource: string, start: number, end: number) => {
      const ms = Math.max(0, Math.min(end, to) - Math.max(start, from));
      const downAtEnd = start <= to && end > to;
      if (ms === 0 && !downAtEnd) return;
      const entry = down.get(resource) ?? { resource, ms: 0, downAtEnd: false };
      down.set(resource, { resource, ms: entry.ms + ms, downAtEnd: entry.downAtEnd || downAtEnd });
    };
    for (const gap of this.entries) {
      if (gap.kind === 'watchLost') starts.set(gap.resource, gap.at);
      else {
        add(gap.resource, starts.get(gap.resource) ?? gap.at, gap.at);
        starts.delete(gap.resource);
      }
    }
    for (const [resource, start] of starts) add(resource, start, Infinity);
    return [...down.values()];
  }

  /** The verdict, its reason extended when a watch was down during the step; pending ones unchanged. */
  annotate(verdict: StepVerdict): StepVerdict {
    if (verdict.state === 'pending' || verdict.at === undefined) return verdict;
    const note = outageNote(this.downDuring(verdict.startedAt, verdict.at));
    if (note === undefined) return verdict;
    return { ...verdict, reason: verdict.reason ? `${verdict.reason} ${note}` : note };
  }
}

/** The outages that had not ended when the run did (their watches were stopped still down). */
export function stillDown(gaps: readonly WatchGap[]): WatchLost[] {
  const open = new Map<string, WatchLost>();
  for (const gap of gaps) {
    if (gap.kind === 'watchLost') open.set(gap.resource, gap);
    else open.delete(gap.resource);
  }
  return [...open.values()];
}

/** "The pods watch was down for 4.5s of this step." — watches down equally long are named together. */
export function outageNote(down: readonly DownTime[]): string | undefined {
  if (down.length === 0) return undefined;
  const byDuration = new Map<string, string[]>();
  for (const entry of down) {
    const duration = formatDuration(entry.ms);
    byDuration.set(duration, [...(byDuration.get(duration) ?? []), entry.resource]);
  }
  const parts = [...byDuration].map(([duration, resources], index) => {
    const names = listed(resources);
    const verb = index > 0 ? '' : resources.length === 1 ? ' was down' : ' were down';
    return `the ${names} ${resources.length === 1 ? 'watch' : 'watches'}${verb} for ${duration}`;
  });
  const stillDown = down.filter((entry) => entry.downAtEnd).map((entry) => entry.resource);
  const still = stillDown.length === 0 ? '' : `; the ${listed(stillDown)} ${stillDown.length === 1 ? 'watch still was' : 'watches still were'} when the verdict came`;
  const sentence = `${listed(parts)} of this step${still}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
