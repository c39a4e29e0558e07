// A watch outage as the line log, TAP and JUnit say it: one line when the watch is cut, with the
// cause and how it will catch up, one when it is back, after how long and what was missed.

import { formatDuration } from '../lab/duration.js';
import type { WatchGap } from '../runner/watch-gaps.js';
import { oneLine } from './text.js';

/** "watch pods lost: connection refused (ECONNREFUSED); resuming from resourceVersion 4711" */
export function describeWatchGap(gap: WatchGap): string {
  if (gap.kind === 'watchLost') {
    return `watch ${gap.resource} lost: ${oneLine(gap.cause)}; ${gap.resourceVersion ? `resuming from resourceVersion ${gap.resourceVersion}` : 'relisting'}`;
  }
  const how = gap.relist
    ? `relist: ${gap.relist.missed.toString()} change${gap.relist.missed === 1 ? '' : 's'} missed`
    : `from resourceVersion ${gap.resourceVersion ?? '?'}: nothing missed`;
  return `watch ${gap.resource} resumed after ${formatDuration(gap.downMs)} (${how})`;
}
