// The line log for CI and other non-TTY output: one line per RunEvent that matters, stamped with
// the time since its lab started, and under each action the kubectl command that does the same.
// Each expectation gets a line when it is met, with where that fell in its predicted window; each
// settled step is followed by its explanation. In hands-on mode a step's turn prints the commands
// the learner runs, then the first sign of the move (or that none came) and any hint. Pure: times
// come from the events, and the caller prints. Several labs may run at once; their lines are then
// prefixed with `[lab]`.

import type { ItemStatus, StepState, StepVerdict } from '../expect/step.js';
import { messagesFor } from '../i18n/messages.js';
import { formatDuration } from '../lab/duration.js';
import type { LoadedLab } from '../lab/load.js';
import type { LabResult, RunEvent } from '../runner/events.js';
import type { HandsOnTurn } from '../runner/hands-on.js';
import { stillDown } from '../runner/watch-gaps.js';
import { describeAction, describeApplied, describeCleanup, describeTransition } from './describe.js';
import { actionCommand, commandLine } from './kubectl.js';
import { armedText, hintText } from './turn-text.js';
import { labOutcomes, labTally } from './outcomes.js';
import { alignColumns } from '../ui/text.js';
import { elapsed, oneLine } from './text.js';
import { describeWatchGap } from './watch-gap-text.js';
import { learnerArms, seenText, windowReference, type LearnerArm, type StepActionRef } from './windows.js';

const WINDOW_WORDS = messagesFor('en').window;
const HANDS_ON = messagesFor('en').handsOn;

/** A lab the log will see events for: its name and step names (actions run before a step's verdict exists). */
export interface LabHeader {
  name: string;
  steps: string[];
  /** The lab file as the user named it: an `apply` action's command names its manifest from there. */
  file?: string;
  /** Each step's explanation (markdown), printed after its verdict. */
  explains?: (string | undefined)[];
}

/** A lab's header from its file, in English as every report is. */
export function labHeader(loaded: LoadedLab): LabHeader {
  const steps = loaded.lab.spec.steps;
  return { name: loaded.lab.metadata.name, steps: steps.map((step) => step.name), file: loaded.file, explains: steps.map((step) => step.explain) };
}

interface LabLog {
  steps: string[];
  file?: string;
  explains: (string | undefined)[];
  /** From the `started` event: every kubectl command names it. */
  namespace?: string;
  /** Time of the `started` event (or of the first event, when the namespace was never created). */
  start?: number;
  /** Steps whose ▶ line was printed. */
  announced: Set<number>;
  /** The last state printed per step: a step line appears only when this changes. */
  printed: Map<number, StepState>;
  /** Per step, the items whose line was printed (`group:index`). */
  met: Map<number, Set<string>>;
  /** Every action so far, by step: what predicted windows count from. */
  actions: StepActionRef[];
  /** Hands-on mode: each step's turn as last printed. */
  turns: (HandsOnTurn | undefined)[];
  lines: string[];
}

export class HeadlessLog {
  readonly #labs = new Map<string, LabLog>();
  readonly #prefixed: boolean;

  constructor(labs: LabHeader[]) {
    for (const lab of labs) this.#labs.set(lab.name, newLog(lab));
    this.#prefixed = labs.length > 1;
  }

  /** The lines to print for one event of lab `lab` (often none). */
  lines(lab: string, event: RunEvent): string[] {
    let log = this.#labs.get(lab);
    if (!log) {
      log = newLog({ name: lab, steps: [] });
      this.#labs.set(lab, log);
    }
    const start = (log.start ??= event.kind === 'finished' ? event.result.startedAt : event.at);
    const out: string[] = [];
    const say = (at: number, text: string) => out.push(`${elapsed(at - start)} ${text}`);
    this.#format(lab, log, event, say, out, start);
    log.lines.push(...out);
    return this.#prefixed ? out.map((line) => `[${lab}] ${line}`) : out;
  }

  /** Every line so far for one lab, without the `[lab]` prefix (JUnit's system-out, the JSON log). */
  log(lab: string): string[] {
    return [...(this.#labs.get(lab)?.lines ?? [])];
  }

  /** Every lab's lines, as renderReport() takes them. */
  logs(): Map<string, string[]> {
    return new Map([...this.#labs].map(([name, log]) => [name, [...log.lines]]));
  }

  #format(lab: string, log: LabLog, event: RunEvent, say: (at: number, text: string) => void, out: string[], start: number): void {
    const announce = (index: number, at: number, name: string | undefined) => {
      if (log.announced.has(index)) return;
      log.announced.add(index);
      log.printed.set(index, 'pending');
      say(at, `step ${index + 1} ▶ ${name ?? log.steps[index] ?? ''}`.trimEnd());
    };
    const met = (index: number, verdict: StepVerdict, at: number) => {
      const printed = log.met.get(index) ?? new Set<string>();
      log.met.set(index, printed);
      const fresh = verdict.items.filter((item) => item.state === 'met' && !printed.has(`${item.group}:${item.index}`));
      for (const item of fresh.sort((a, b) => (a.at ?? at) - (b.at ?? at))) {
        printed.add(`${item.group}:${item.index}`);
        say(item.at ?? at, `step ${index + 1} ✓ ${oneLine(item.label)}${windowNote(item, index, verdict, log.actions, learnerArms(log.turns))}`);
      }
    };
    const settle = (index: number, verdict: StepVerdict, at: number) => {
      met(index, verdict, at);
      if (verdict.state === (log.printed.get(index) ?? 'pending')) return;
      log.printed.set(index, verdict.state);
      const duration = formatDuration(Math.max(0, (verdict.at ?? at) - verdict.startedAt));
      if (verdict.state === 'passed') {
        // A passed step has a reason only when something qualifies it (a watch outage).
        say(verdict.at ?? at, `step ${index + 1} ✔ ${verdict.step} (${duration})${verdict.reason ? ` — ${oneLine(verdict.reason)}` : ''}`);
      } else {
        say(verdict.at ?? at, `step ${index + 1} ✘ ${verdict.step} (${duration}) — ${oneLine(verdict.reason ?? 'failed')}`);
        for (const line of verdict.evidence) out.push(`    ${oneLine(line)}`);
      }
      for (const line of explainLines(log.explains[index])) out.push(`    ${line}`);
    };

    switch (event.kind) {
      case 'started':
        log.namespace = event.namespace;
        say(
          event.at,
          event.runSelector
            ? `${lab} runs in namespace ${event.namespace} (yours: kept); what it applies is labelled ${event.runSelector}`
            : event.existing
              ? `${lab} reads namespace ${event.namespace}: nothing is created, applied or deleted`
              : `${lab} namespace ${event.namespace} created`,
        );
        return;
      case 'applied':
        say(event.at, describeApplied(event.objects));
        return;
      case 'observation':
        for (const transition of event.transitions) {
          const text = describeTransition(transition);
          if (text !== undefined) say(transition.at, text);
        }
        return;
      case 'watchHealth':
        // Only the cut and the return: reconnect attempts in between would bury the story.
        if (event.gap) say(event.gap.at, describeWatchGap(event.gap));
        return;
      case 'action': {
        announce(event.index, event.at, undefined);
        log.actions.push({ step: event.index, action: event.result });
        say(event.at, `step ${event.index + 1} ${describeAction(event.result)}`);
        const command = log.namespace === undefined ? undefined : actionCommand(event.result, { namespace: log.namespace, labFile: log.file });
        if (command !== undefined) out.push(`    $ ${command}`);
        return;
      }
      case 'handsOn': {
        announce(event.index, event.at, undefined);
        for (const [at, text] of turnLines(log.turns[event.index], event.turn, event.at)) {
          if (at === undefined) out.push(`    ${text}`);
          else say(at, `step ${event.index + 1} ${text}`);
        }
        log.turns[event.index] = event.turn;
        return;
      }
      case 'stepStarted':
        announce(event.index, event.at, event.verdict.step);
        settle(event.index, event.verdict, event.at);
        return;
      case 'verdict':
        settle(event.index, event.verdict, event.at);
        return;
      case 'cleanup':
        say(event.at, describeCleanup(event.cleanup));
        return;
      case 'finished':
        // Steps the runner abandoned (interrupt, cluster error) end without a verdict event.
        event.result.verdicts.forEach((verdict, index) => {
          if (verdict && verdict.state !== 'pending') settle(index, verdict, event.at);
        });
        for (const lost of stillDown(event.result.watchGaps ?? [])) say(event.at, `watch ${lost.resource} still down when the run ended (lost at ${elapsed(lost.at - start)})`);
        if (event.result.error !== undefined) say(event.at, `error: ${oneLine(event.result.error)}`);
        say(event.at, resultLine(event.result));
        return;
    }
  }
}

function newLog({ steps, file, explains = [] }: LabHeader): LabLog {
  return { steps, file, explains, announced: new Set(), printed: new Map(), met: new Map(), actions: [], turns: [], lines: [] };
}

/**
 * What changed in a learner's turn, as lines: [time, text] for a stamped line, [undefined, text]
 * for one indented under it (the commands, as the learner types them).
 */
function turnLines(before: HandsOnTurn | undefined, turn: HandsOnTurn, at: number): [number | undefined, string][] {
  const lines: [number | undefined, string][] = [];
  if (!before) {
    lines.push([turn.shownAt, `your turn: ${HANDS_ON.run(turn.commands.length).replace(/^R/, 'r')}`]);
    for (const command of turn.commands) {
      lines.push([undefined, `$ ${commandLine(command.argv)}`]);
      if (command.choice) lines.push([undefined, `(${HANDS_ON.choice(command.choice.selector, command.choice.pods.join(', '))})`]);
    }
  } else if (turn.waitUntil !== before.waitUntil) {
    lines.push([at, `waits longer for your move: ${formatDuration(turn.waitUntil - turn.shownAt)} in all`]);
  }
  if (turn.hint && JSON.stringify(turn.hint) !== JSON.stringify(before?.hint)) lines.push([at, `hint: ${oneLine(hintText(turn.hint, HANDS_ON))}`]);
  if (turn.armed && !before?.armed) lines.push([turn.armed.at, armedText(turn, HANDS_ON)]);
  return lines;
}


/** `: seen at 8.7 s, predicted 6–10 s after `rm /tmp/healthy` (3 failures × 3s period, +1s timeout)`, for an item with a window. */
function windowNote(item: ItemStatus, index: number, verdict: StepVerdict, actions: readonly StepActionRef[], turns: readonly LearnerArm[]): string {
  if (!item.window) return '';
  const seen = seenText(item, windowReference(item.window, index, verdict.startedAt, actions, turns), verdict.startedAt, WINDOW_WORDS, true);
  return seen ? `: ${seen.text} (${item.window.explanation})` : '';
}

/** A step's explanation as the author broke its lines, without blank ones. */
function explainLines(explain: string | undefined): string[] {
  return (explain ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function resultLine(result: LabResult): string {
  const { counts, steps } = labOutcomes(result);
  return `${result.outcome}: ${counts.passed}/${steps.length} steps passed in ${formatDuration(result.finishedAt - result.startedAt)}`;
}

/**
 * LAB / STEPS / RESULT / DURATION / NAMESPACE, one row per lab, then `N passed, M failed` alone
 * on the last line (CI harnesses read that line; a lab that errored or was interrupted counts as failed).
 */
export function summaryTable(results: LabResult[]): string {
  const header = ['LAB', 'STEPS', 'RESULT', 'DURATION', 'NAMESPACE'];
  const rows = results.map((result) => {
    const { counts, steps } = labOutcomes(result);
    return [result.lab, `${counts.passed}/${steps.length}`, result.outcome, formatDuration(result.finishedAt - result.startedAt), result.namespace ?? '-'];
  });
  const { passed, failed } = labTally(results);
  return [...alignColumns([header, ...rows]), `${passed} passed, ${failed} failed`].join('\n') + '\n';
}
