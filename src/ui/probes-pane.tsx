// One line per container and probe, as `kubectl describe pod` prints it under Liveness /
// Readiness / Startup (src/probes/describe.ts), so a learner can relate timings to settings.

import type { Messages } from '../i18n/messages.js';
import type { ProbeLine } from '../probes/describe.js';
import { line, Lines, type Line } from './lines.js';
import { truncateEnd } from './text.js';

export interface ProbesPaneProps {
  probes: readonly ProbeLine[];
  width: number;
  m: Messages;
}

export function probeLines({ probes, width, m }: ProbesPaneProps): Line[] {
  if (probes.length === 0) return [];
  const name = Math.max(...probes.map((p) => p.container.length));
  const kind = Math.max(...probes.map((p) => p.kind.length));
  return [
    line('probes-title', { text: m.heading.probes, bold: true }),
    ...probes.map((p) =>
      line(`probe-${p.container}-${p.kind}-${p.text}`, truncateEnd(`  ${p.container.padEnd(name)}  ${p.kind.padEnd(kind)}  ${p.text}`, width)),
    ),
  ];
}

export function ProbesPane(props: ProbesPaneProps) {
  return <Lines lines={probeLines(props)} />;
}
