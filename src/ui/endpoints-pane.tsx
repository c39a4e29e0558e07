// Which pods each Service sends traffic to: ready, not ready (kept out of the Service) and
// terminating (EndpointSlices keep those with terminating=true, KEP-1672; core Endpoints drop
// them). A backend that moved in the last seconds is highlighted.

import { line, Lines, type Line, type Segment } from './lines.js';
import { HIGHLIGHT_MS } from './pods-table.js';
import { endpointGroups, type EndpointEntry, type ServiceView } from './view-endpoints.js';
import { truncateEnd } from './text.js';
import type { Tone } from './theme.js';

export interface EndpointsPaneProps {
  services: readonly ServiceView[];
  now: number;
  width: number;
}

const GROUPS: { key: 'ready' | 'notReady' | 'terminating'; label: string; tone: Tone }[] = [
  { key: 'ready', label: 'ready', tone: 'ok' },
  { key: 'notReady', label: 'not ready', tone: 'warn' },
  { key: 'terminating', label: 'terminating', tone: 'muted' },
];

export function endpointLines({ services, now, width }: EndpointsPaneProps): Line[] {
  if (services.length === 0) return [];
  const lines: Line[] = [line('endpoints-title', { text: 'Endpoints', bold: true })];
  for (const view of services) {
    const groups = endpointGroups(view);
    const counts = GROUPS.map((g) => `${groups[g.key].length} ${g.label}`).join(' · ');
    const source = view.source ? ` (${view.source})` : '';
    lines.push(line(`svc-${view.service}`, truncateEnd(`  Service ${view.service}: ${counts}`, width), { text: truncateEnd(source, Math.max(0, width - 12 - view.service.length - counts.length)), tone: 'muted' }));
    for (const group of GROUPS) {
      const members = groups[group.key];
      if (members.length === 0) continue;
      lines.push(memberLine(`svc-${view.service}-${group.key}`, group, members, now, width));
    }
  }
  return lines;
}

export function EndpointsPane(props: EndpointsPaneProps) {
  return <Lines lines={endpointLines(props)} />;
}

/**
 * `    not ready: pod-a pod-b`, cut to the width. Pods of one workload share a long prefix, so when
 * the full names do not fit only what tells them apart is shown (`…-hqx8x`).
 */
function memberLine(key: string, group: (typeof GROUPS)[number], members: readonly EndpointEntry[], now: number, width: number): Line {
  const label = `    ${group.label}: `;
  const full = members.map((m) => m.key);
  const fits = label.length + full.join(' ').length <= width;
  const names = fits ? full : shortNames(full);
  const segments: Segment[] = [{ text: label, tone: group.tone }];
  let used = label.length;
  members.forEach((member, i) => {
    const text = truncateEnd(names[i]!, Math.max(0, width - used - (i > 0 ? 1 : 0)));
    if (text === '') return;
    if (i > 0) segments.push({ text: ' ' });
    segments.push({ text, highlight: now - member.changedAt < HIGHLIGHT_MS });
    used += text.length + (i > 0 ? 1 : 0);
  });
  return { key, segments };
}

function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  let prefix = names[0]!;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-');
  return cut <= 0 ? names : names.map((name) => `…${name.slice(cut)}`);
}
