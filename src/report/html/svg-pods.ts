// A pod: a header row (its lifetime and its place in each Service's endpoints), then one lane per
// container with when it ran, its READY as a step line, restarts and kills, and a red tick for
// every probe failure. The oracle's windows for this pod are shaded across the whole group.

import type { ContainerLane, EndpointPoint, LaneMarker, PodGroup } from './lanes.js';
import { CONTAINER_LANE, LABEL_WIDTH, POD_HEADER } from './layout.js';
import { formatOffset, type TimeScale } from './scale.js';
import type { PredictedWindow } from './steps.js';
import { windowText } from './svg-steps.js';
import { truncateMiddle } from '../../ui/text.js';
import { el, text, textWidth, tip } from './svg-kit.js';

export function podHeight(group: PodGroup): number {
  return POD_HEADER + Math.max(1, group.containers.length) * CONTAINER_LANE;
}

export function renderPod(group: PodGroup, windows: readonly PredictedWindow[], scale: TimeScale, top: number): string {
  const height = podHeight(group);
  const until = group.deletedAt ?? scale.endMs;
  const parts: string[] = [
    el('rect', { class: 'pod-header', x: 0, y: top, width: scale.left + scale.width + 20, height: POD_HEADER }),
    // Beneath the lanes, so the ticks and markers over them keep their tooltips.
    ...windows.map((window) => renderWindow(window, scale, top, height)),
    el('g', {}, tip(`pod ${group.name}${group.uid ? ` (uid ${group.uid})` : ''}`), text(8, top + 18, truncateMiddle(group.name, 32), { class: 'pod-name' })),
    el('rect', { class: 'lifetime', x: scale.x(group.addedAt), y: top + 3, width: Math.max(1, scale.x(until) - scale.x(group.addedAt)), height: 3 }, tip(lifetimeText(group, scale))),
    ...renderReadyColumn(group, scale, top),
    ...renderEndpoints(group.endpoints, until, scale, top + 19),
    ...renderMarkers(group.markers, scale, top + 14),
  ];
  group.containers.forEach((lane, index) => parts.push(renderLane(group, lane, scale, top + POD_HEADER + index * CONTAINER_LANE)));
  parts.push(...windows.map((window) => renderWindowMarks(window, scale, top)));
  return el('g', { 'data-kind': 'pod', 'data-pod': group.name }, ...parts);
}

function lifetimeText(group: PodGroup, scale: TimeScale): string {
  const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
  return `pod ${group.name}: seen ${since(group.addedAt)}${group.deletedAt !== undefined ? `, gone ${since(group.deletedAt)}` : ''}`;
}

// The READY column (e.g. 2/3) where it changes, small, on the header row.
function renderReadyColumn(group: PodGroup, scale: TimeScale, top: number): string[] {
  let lastEnd = Number.NEGATIVE_INFINITY;
  return group.readyColumn.flatMap(({ at, value }) => {
    const x = scale.x(at);
    if (x < lastEnd) return [];
    lastEnd = x + textWidth(value, 9) + 6;
    return [text(x + 2, top + 15, value, { class: 'ready-column' })];
  });
}

function renderEndpoints(points: readonly EndpointPoint[], until: number, scale: TimeScale, y: number): string[] {
  const services = [...new Set(points.map((p) => p.service))];
  return services.flatMap((service, row) => {
    const mine = points.filter((p) => p.service === service);
    return mine.flatMap((point, index) => {
      if (point.state === 'absent') return [];
      const to = mine[index + 1]?.at ?? until;
      const x = scale.x(point.at);
      const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
      return [
        el('rect', { class: `endpoint endpoint-${point.state}`, x, y: y + row * 5, width: Math.max(1, scale.x(to) - x), height: 4 }, tip(`Service ${service}: ${point.state} from ${since(point.at)}`)),
      ];
    });
  });
}

const Y = { runningTop: 4, runningBottom: 40, readyHigh: 12, readyLow: 32, status: 22, events: 50, ticksTop: 60, ticksBottom: 72, tickLabel: 81 } as const;

function renderLane(group: PodGroup, lane: ContainerLane, scale: TimeScale, top: number): string {
  const until = group.deletedAt ?? scale.endMs;
  const parts: string[] = [
    el('line', { class: 'lane-rule', x1: 0, x2: scale.left + scale.width + 20, y1: top + CONTAINER_LANE, y2: top + CONTAINER_LANE }),
    text(20, top + 22, truncateMiddle(`${lane.init ? 'init: ' : ''}${lane.name}`, 30), { class: 'container-name' }),
    ...(lane.init
      ? [text(LABEL_WIDTH - 8, top + Y.readyHigh + 4, 'running', { class: 'axis-note', 'text-anchor': 'end' })]
      : [
          text(LABEL_WIDTH - 8, top + Y.readyHigh + 4, 'ready', { class: 'axis-note', 'text-anchor': 'end' }),
          text(LABEL_WIDTH - 8, top + Y.readyLow + 4, 'not ready', { class: 'axis-note', 'text-anchor': 'end' }),
        ]),
    text(LABEL_WIDTH - 8, top + Y.ticksBottom, 'probe failures', { class: 'axis-note', 'text-anchor': 'end' }),
    ...lane.running.map((span) => {
      const x = scale.x(span.from);
      const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
      return el('rect', { class: 'running', x, y: top + Y.runningTop, width: Math.max(1, scale.x(span.to ?? until) - x), height: Y.runningBottom - Y.runningTop }, tip(`${lane.name} running ${since(span.from)} – ${span.to !== undefined ? since(span.to) : 'end'}`));
    }),
    // An init container reports ready once it has completed: its lane shows when it ran instead.
    lane.init ? '' : renderReadyLine(lane, until, scale, top),
    // Restarts and ends sit on the READY line they explain; kills and back-offs (events) below it.
    ...renderMarkers(lane.markers.filter((m) => STATUS_MARKERS.has(m.kind)), scale, top + Y.status),
    ...renderMarkers(lane.markers.filter((m) => !STATUS_MARKERS.has(m.kind)), scale, top + Y.events),
    ...renderProbeTicks(lane, scale, top),
  ];
  return el('g', { 'data-kind': 'lane', 'data-container': lane.name, 'data-init': String(lane.init) }, ...parts);
}

function renderReadyLine(lane: ContainerLane, until: number, scale: TimeScale, top: number): string {
  const since = (at: number) => `+${formatOffset(at - scale.originMs)}`;
  const segments = lane.ready.map((point, index) => {
    const to = lane.ready[index + 1]?.at ?? until;
    const y = top + (point.ready ? Y.readyHigh : Y.readyLow);
    const x1 = scale.x(point.at);
    const x2 = Math.max(x1 + 1, scale.x(to));
    const riser = index > 0 ? el('line', { class: 'ready-riser', x1, x2: x1, y1: top + Y.readyHigh, y2: top + Y.readyLow }) : '';
    return (
      riser +
      el('line', { class: point.ready ? 'ready-on' : 'ready-off', 'data-kind': 'ready', 'data-ready': String(point.ready), x1, x2, y1: y, y2: y }, tip(`${lane.name} ${point.ready ? 'ready' : 'not ready'} from ${since(point.at)}`))
    );
  });
  return el('g', {}, ...segments);
}

const STATUS_MARKERS: ReadonlySet<LaneMarker['kind']> = new Set(['restart', 'terminated']);

/** Markers centred on `y`, each label only where the previous one has ended. */
function renderMarkers(markers: readonly LaneMarker[], scale: TimeScale, y: number): string[] {
  let lastEnd = Number.NEGATIVE_INFINITY;
  return markers.map((marker) => {
    const x = scale.x(marker.at);
    const label = marker.label;
    const showLabel = x >= lastEnd;
    if (showLabel) lastEnd = x + 10 + textWidth(label, 10);
    return el(
      'g',
      { class: `marker marker-${marker.kind}`, 'data-kind': 'marker', 'data-marker': marker.kind },
      tip(`+${formatOffset(marker.at - scale.originMs)} ${marker.detail}`),
      glyph(marker.kind, x, y),
      showLabel ? text(x + 7, y + 4, label) : '',
    );
  });
}

function glyph(kind: LaneMarker['kind'], x: number, y: number): string {
  switch (kind) {
    case 'killing':
      return el('path', { class: 'glyph', d: `M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}` });
    case 'restart':
      return el('circle', { class: 'glyph', cx: x, cy: y, r: 4.5 });
    case 'terminated':
      return el('rect', { class: 'glyph', x: x - 4, y: y - 4, width: 8, height: 8 });
    case 'backoff':
    case 'warning':
      return el('path', { class: 'glyph', d: `M${x},${y - 5}L${x + 5},${y + 4}L${x - 5},${y + 4}Z` });
  }
}

const LETTER = { liveness: 'L', readiness: 'R', startup: 'S' } as const;

function renderProbeTicks(lane: ContainerLane, scale: TimeScale, top: number): string[] {
  let lastLabel = Number.NEGATIVE_INFINITY;
  return lane.probes.map((tick) => {
    const x = scale.x(tick.at);
    const letter = tick.probe ? LETTER[tick.probe] : '?';
    const label = tick.occurrences > 1 ? `${letter}×${tick.occurrences}` : letter;
    const showLabel = x - lastLabel >= textWidth(label, 9) + 2;
    if (showLabel) lastLabel = x;
    return el(
      'g',
      { class: 'probe', 'data-kind': 'probe', 'data-probe': tick.probe ?? 'unknown' },
      tip(`+${formatOffset(tick.at - scale.originMs)} ${tick.probe ?? 'probe'} failure${tick.occurrences > 1 ? `s (${tick.occurrences}, the event count jumped)` : ''}, event count ${tick.count}: ${tick.message}`),
      el('line', { x1: x, x2: x, y1: top + Y.ticksTop, y2: top + Y.ticksBottom }),
      showLabel ? text(x, top + Y.tickLabel, label, { 'text-anchor': 'middle' }) : '',
    );
  });
}

function renderWindow(window: PredictedWindow, scale: TimeScale, top: number, height: number): string {
  const x = scale.x(window.from);
  return el(
    'rect',
    { class: 'predicted', 'data-kind': 'predicted', 'data-step': window.step + 1, 'data-pod': window.pod, x, y: top, width: Math.max(2, scale.x(window.to) - x), height },
    tip(windowText(window, scale)),
  );
}

// The window's label and the observed time, over the lanes (they take no pointer events, so
// what is under them keeps its tooltip).
function renderWindowMarks(window: PredictedWindow, scale: TimeScale, top: number): string {
  const parts = [text(scale.x(window.from) + 3, top + POD_HEADER + 10, `step ${window.step + 1} predicted`, { class: 'predicted-label' })];
  if (window.observedAt !== undefined) {
    const ox = scale.x(window.observedAt);
    parts.push(el('path', { class: 'observed', d: `M${ox - 5},${top}L${ox + 5},${top}L${ox},${top + 8}Z` }));
  }
  return el('g', { class: 'window-marks' }, ...parts);
}
