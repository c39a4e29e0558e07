// Everything the page draws, gathered from either a recording (judged with a lab when one is
// given) or the result of a live run. Both go through a fresh Timeline: it is pure, so replaying
// the run's observations gives exactly the transitions the run saw, paired with the observation
// that caused them (which the lanes need to read per-container status).

import type { LoadedLab } from '../../lab/load.js';
import type { StepVerdict } from '../../expect/step.js';
import type { Observation } from '../../model/observation.js';
import type { Recording } from '../../recording/format.js';
import { autoWithinFor } from '../../expect/auto-within.js';
import { judgeRecording } from '../../replay/judge-recording.js';
import type { LabResult } from '../../runner/events.js';
import { Timeline } from '../../timeline/timeline.js';
import type { CommandPlace } from '../kubectl.js';
import { faults, podGroups, type Applied, type Fault, type PodGroup } from './lanes.js';
import { stepBands, type StepBand } from './steps.js';

export type HtmlReportInput =
  /** A recording, judged by `lab` when given (as `probelab replay` does). */
  | { recording: Recording; lab?: LoadedLab }
  /** A live run; `lab` (the one it ran) lets the page shade the oracle's windows. */
  | { result: LabResult; lab?: LoadedLab };

export interface Picture {
  title: string;
  /** Facts for the page header: label → value. */
  facts: [string, string][];
  originMs: number;
  endMs: number;
  groups: PodGroup[];
  faults: Fault[];
  steps: StepBand[];
  /** What the page cannot show and why (no lab given, …). */
  notes: string[];
}

export function picture(input: HtmlReportInput): Picture {
  if ('recording' in input) return fromRecording(input.recording, input.lab);
  return fromResult(input.result, input.lab);
}

function fromRecording(recording: Recording, loaded: LoadedLab | undefined): Picture {
  const { header } = recording;
  const verdicts: (StepVerdict | undefined)[] = loaded ? judgeRecording(loaded.lab, recording, autoWithinFor(loaded)).verdicts : [];
  const facts: [string, string][] = [
    ['scenario', header.scenario],
    ['namespace', header.namespace],
    ['recorded', header.startedAt],
  ];
  if (header.cluster?.serverVersion) facts.push(['cluster', [header.cluster.serverVersion, header.cluster.runtime].filter(Boolean).join(', ')]);
  if (loaded) facts.push(['judged by', loaded.file]);
  const notes = loaded ? [] : ['No lab was given, so steps are not judged and no predicted windows are shaded (pass --lab LAB.yaml).'];
  return assemble({
    title: loaded ? loaded.lab.metadata.title : `Recording of ${header.scenario}`,
    facts,
    originMs: Date.parse(header.startedAt),
    observations: recording.observations,
    stepNames: loaded ? loaded.lab.spec.steps.map((s) => s.name) : [],
    verdicts,
    loaded,
    notes,
    place: { namespace: header.namespace, labFile: loaded?.file ?? header.lab },
  });
}

function fromResult(result: LabResult, loaded: LoadedLab | undefined): Picture {
  const facts: [string, string][] = [
    ['lab', `${result.lab} (${result.file})`],
    ['outcome', result.outcome],
    ['started', new Date(result.startedAt).toISOString()],
  ];
  if (result.namespace) facts.splice(1, 0, ['namespace', result.namespace]);
  const notes = result.error ? [`The run stopped outside any step: ${result.error}`] : [];
  if (!loaded) notes.push('The lab was not given to the report, so no predicted windows are shaded.');
  return assemble({
    title: result.title,
    facts,
    originMs: result.startedAt,
    observations: result.observations,
    stepNames: result.stepNames,
    verdicts: result.verdicts,
    loaded,
    notes,
    finishedAt: result.finishedAt,
    place: result.namespace === undefined ? undefined : { namespace: result.namespace, labFile: result.file },
  });
}

interface Parts {
  title: string;
  facts: [string, string][];
  originMs: number;
  observations: readonly Observation[];
  stepNames: readonly string[];
  verdicts: readonly (StepVerdict | undefined)[];
  loaded: LoadedLab | undefined;
  notes: string[];
  finishedAt?: number;
  /** Where the actions ran, for their kubectl commands. */
  place?: CommandPlace;
}

function assemble(parts: Parts): Picture {
  const timeline = new Timeline();
  const applied: Applied[] = parts.observations.map((observation) => ({ observation, transitions: timeline.apply(observation) }));
  const groups = podGroups(applied);
  const actions = faults(parts.observations, parts.place);
  const steps = stepBands(parts.stepNames, parts.verdicts, { groups, faults: actions, originMs: parts.originMs }, parts.loaded);
  // A loop, not Math.max(...times): a long run has more observations than a call takes arguments.
  let last = Math.max(parts.originMs, parts.finishedAt ?? parts.originMs);
  for (const o of parts.observations) last = Math.max(last, o.at);
  for (const s of steps) for (const t of [s.at ?? s.startedAt ?? last, ...s.windows.map((w) => w.to)]) last = Math.max(last, t);
  // A little room after the last thing so its label is not cut at the edge.
  const endMs = last + Math.max(1000, (last - parts.originMs) * 0.03);
  return { title: parts.title, facts: parts.facts, originMs: parts.originMs, endMs, groups, faults: actions, steps, notes: parts.notes };
}
