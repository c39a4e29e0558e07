// A recording as the RunEvents a watch of its namespace would have shown: `started`, then one
// observation event per line with the transitions the timeline derives from it. This is what the
// replay view plays when no lab judges the recording (no steps, no verdicts).

import type { Recording } from '../recording/format.js';
import type { RunEvent } from '../runner/events.js';
import { Timeline } from '../timeline/timeline.js';

export function recordingEvents(recording: Recording): RunEvent[] {
  const { header, observations } = recording;
  const timeline = new Timeline();
  const startedAt = Date.parse(header.startedAt);
  return [
    { kind: 'started', at: startedAt, lab: header.scenario, namespace: header.namespace },
    ...observations.map((observation): RunEvent => ({ kind: 'observation', at: observation.at, observation, transitions: timeline.apply(observation) })),
  ];
}
