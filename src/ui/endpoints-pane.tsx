// Which pods each Service sends traffic to: ready, not ready (kept out of the Service) and
// terminating (EndpointSlices keep those with terminating=true, KEP-1672; core Endpoints drop
// them). A backend that moved in the last seconds is highlighted.

import type { Messages } from '../i18n/messages.js';
import { line, Lines, type Line, type Segment } from './lines.js';
import { HIGHLIGHT_MS } from './pods-table.js';
import { endpointGroups, type EndpointEntry, type EndpointGroups, type ServiceView } from './view-endpoints.js';
import { cellWidth, truncateEnd } from './text.js';
import type { Tone } from './theme.js';

export interface EndpointsPaneProps {
  services: readonly ServiceView[];
  now: number;
  width: number;
  m: Messages;
}

type GroupKey = 'ready' | 'notReady' | 'terminating';
interface Group {
  key: GroupKey;
  label: string;
  tone: Tone;
}

const GROUP_TONES: Record<GroupKey, Tone> = { ready: 'ok', notReady: 'warn', terminating: 'muted' };

export function endpointLines({ services, now, width, m }: EndpointsPaneProps): Line[] {
  if (services.length === 0) return [];
  const groupList: Group[] = (['ready', 'notReady', 'terminating'] as const).map((key) => ({ key, label: m.endpoints[key], tone: GROUP_TONES[key] }));
  const lines: Line[] = [line('endpoints-title', { text: m.heading.endpoints, bold: true })];
  for (const view of services) {
    const groups = endpointGroups(view);
    lines.push(serviceLine(view, groups, groupList, width, m));
    const short = shortNames([...groups.ready, ...groups.notReady, ...groups.terminating].map((member) => member.key));
    for (const group of groupList) {
      const members = groups[group.key];
      if (members.length === 0) continue;
      lines.push(memberLine(`svc-${view.service}-${group.key}`, group, members, short, now, width));
    }
  }
  return lines;
}

export function EndpointsPane(props: EndpointsPaneProps) {
  return <Lines lines={endpointLines(props)} />;
}

/** `  Service web: 2 ready · 1 not ready · 0 terminating (EndpointSlice)`, the empty groups left out when narrow. */
function serviceLine(view: ServiceView, groups: EndpointGroups, groupList: readonly Group[], width: number, m: Messages): Line {
  const head = `  Service ${view.service}: `;
  const count = (g: Group) => m.endpoints.count(groups[g.key].length, g.label);
  const all = groupList.map(count).join(' · ');
  const nonEmpty = groupList.filter((g) => groups[g.key].length > 0).map(count).join(' · ') || m.endpoints.none;
  const counts = cellWidth(head + all) <= width ? all : nonEmpty;
  const source = view.source ? ` (${view.source})` : '';
  const text = truncateEnd(head + counts, width);
  const rest = width - cellWidth(text);
  return line(`svc-${view.service}`, text, { text: rest >= source.length ? source : '', tone: 'muted' });
}

/**
 * `    not ready: pod-a pod-b`, cut to the width. Pods of one workload share a long prefix, so when
 * the full names do not fit only what tells them apart is shown (`…-hqx8x`).
 */
function memberLine(key: string, group: Group, members: readonly EndpointEntry[], short: ReadonlyMap<string, string>, now: number, width: number): Line {
  const label = `    ${group.label}: `;
  const full = members.map((member) => member.key);
  const fits = cellWidth(label) + full.join(' ').length <= width;
  const names = fits ? full : full.map((name) => short.get(name) ?? name);
  const segments: Segment[] = [{ text: label, tone: group.tone }];
  let used = cellWidth(label);
  members.forEach((member, i) => {
    const text = truncateEnd(names[i]!, Math.max(0, width - used - (i > 0 ? 1 : 0)));
    if (text === '') return;
    if (i > 0) segments.push({ text: ' ' });
    segments.push({ text, highlight: now - member.changedAt < HIGHLIGHT_MS });
    used += text.length + (i > 0 ? 1 : 0);
  });
  return { key, segments };
}

/** Each name without the prefix (up to a `-`) that all of the service's backends share. */
function shortNames(names: string[]): Map<string, string> {
  let prefix = names[0] ?? '';
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // A lone backend shares all of its name with itself: its generated suffix is what is left.
  const cut = prefix.lastIndexOf('-');
  return new Map(names.map((name) => [name, cut <= 0 ? name : `…${name.slice(cut)}`]));
}
