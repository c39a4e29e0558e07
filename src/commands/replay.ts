import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { formatDuration } from '../lab/duration.js';
import { parseRecording, RecordingError, type Recording } from '../recording/format.js';
import { judgeRecording } from '../replay/judge-recording.js';
import { autoWithinFor } from '../expect/auto-within.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { Command, Io } from './command.js';

export const command: Command = {
  name: 'replay',
  usage: 'FILE.jsonl [--lab LAB.yaml]',
  description:
    "Feeds a recording (probelab-recording/v1, as written by `probelab record`, `run --record`, or the real-cluster fixtures) through the same timeline and expectations as a live run, and prints each step's verdict. Without --lab it uses labs/<scenario>.yaml when the recording's scenario names a lab. Steps the recording does not reach (it ends first, or lacks the step's action) are reported as undetermined. Exit 0 when no step failed and at least one passed, 1 otherwise.",
  options: { lab: { type: 'string' } },
  optionHelp: { lab: 'the lab whose steps judge the recording (default: labs/<scenario>.yaml)' },
  async run({ values, positionals }, io) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError('replay takes one recording file');
    const recording = await readRecording(file);
    const loaded = await labFor(recording, values.lab as string | undefined, io);
    const { verdicts } = judgeRecording(loaded.lab, recording, autoWithinFor(loaded));
    const start = Date.parse(recording.header.startedAt);
    io.out(`${file}: ${recording.header.scenario} judged by ${loaded.file}`);
    loaded.lab.spec.steps.forEach((step, index) => {
      const verdict = verdicts[index];
      const title = `step ${index + 1} ${step.name}`;
      if (!verdict) {
        io.out(`  - ${title}: not judged (an earlier step did not pass)`);
      } else if (verdict.state === 'passed') {
        io.out(`  ✔ ${title}  (+${formatDuration(verdict.at! - start)}, ${formatDuration(verdict.at! - verdict.startedAt)} into the step, on ${verdict.cause})`);
      } else if (verdict.state === 'failed') {
        io.out(`  ✘ ${title}  (+${formatDuration(verdict.at! - start)}): ${verdict.reason}`);
        for (const line of verdict.evidence) io.out(`      ${line}`);
      } else {
        io.out(`  ? ${title}: undetermined: ${verdict.reason}`);
      }
    });
    const count = (state: string) => verdicts.filter((v) => v?.state === state).length;
    const undetermined = count('pending');
    io.out(`${count('passed')} passed, ${count('failed')} failed${undetermined ? ` (${undetermined} step${undetermined === 1 ? '' : 's'} not covered by the recording)` : ''}`);
    return count('failed') === 0 && count('passed') > 0 ? EXIT.ok : EXIT.failed;
  },
};

export async function readRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseRecording(text, file);
  } catch (error) {
    if (error instanceof RecordingError) throw new UserError(error.message);
    throw error;
  }
}

export async function labFor(recording: Recording, lab: string | undefined, io: Io): Promise<LoadedLab> {
  const file = lab ?? join(io.cwd, 'labs', `${recording.header.scenario}.yaml`);
  if (!lab && !existsSync(file)) throw new UserError(`no lab named "${recording.header.scenario}" in labs/; pass --lab LAB.yaml`);
  const result = await loadLab(file);
  if (!result.ok) throw new UserError(`the lab is invalid:\n${result.errors.map(formatLabError).join('\n')}`);
  return result.loaded;
}
