// Writes a recording as it happens, one line per observation, so a crash or Ctrl-C still leaves
// everything seen so far on disk.

import { createWriteStream, type WriteStream } from 'node:fs';
import type { Observation } from '../model/observation.js';
import { headerLine, observationLine, type RecordingHeader } from './format.js';

export class RecordingWriter {
  readonly #stream: WriteStream;

  constructor(readonly file: string, header: RecordingHeader) {
    this.#stream = createWriteStream(file, { encoding: 'utf8' });
    this.#stream.write(`${headerLine(header)}\n`);
  }

  write(observation: Observation): void {
    this.#stream.write(`${observationLine(observation)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
