import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedLab } from '../lab/load.js';
import type { Recording } from '../recording/format.js';
import { renderHtmlReport } from '../report/html/index.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { Command, Io } from './command.js';
import { labFor, readRecording } from './replay.js';

export const command: Command = {
  name: 'report',
  usage: 'FILE.jsonl --html OUT.html [--lab LAB.yaml]',
  description:
    "Writes the timeline of a recording as one self-contained HTML page (inline SVG, no script or network needed): a lane per container with READY, restarts with exit codes and every probe failure the kubelet reported, the faults, each step's start, deadline and verdict, and the windows the probe-timing oracle predicted. The recording is judged with --lab, else with labs/<scenario>.yaml when that exists; without a lab the page shows the cluster's side only.",
  options: { html: { type: 'string' }, lab: { type: 'string' } },
  optionHelp: {
    html: 'the HTML file to write',
    lab: 'the lab whose steps judge the recording (default: labs/<scenario>.yaml when it exists)',
  },
  async run({ values, positionals }, io) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError('report takes one recording file');
    const out = values.html as string | undefined;
    if (!out) throw new UserError('say where to write the page: --html OUT.html');
    const recording = await readRecording(file);
    const lab = await optionalLab(recording, values.lab as string | undefined, io);
    try {
      await writeFile(out, renderHtmlReport({ recording, lab }), 'utf8');
    } catch (error) {
      throw new UserError(`${out}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    io.out(`${out}: timeline of ${recording.header.scenario}${lab ? `, judged by ${lab.file}` : ', not judged (no lab)'}`);
    return EXIT.ok;
  },
};

// Unlike replay, a report is still worth having without a lab: it then shows the cluster's side only.
async function optionalLab(recording: Recording, lab: string | undefined, io: Io): Promise<LoadedLab | undefined> {
  if (lab !== undefined || existsSync(join(io.cwd, 'labs', `${recording.header.scenario}.yaml`))) return labFor(recording, lab, io);
  return undefined;
}
