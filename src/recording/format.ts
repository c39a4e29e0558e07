// The probelab-recording/v1 JSON-lines format (see ../shared/fixtures/FORMAT.md): a header line,
// then one observation a line with `at` as an ISO 8601 string. In memory `at` is epoch ms.

import type { Observation } from '../model/observation.js';

export const RECORDING_FORMAT = 'probelab-recording/v1';

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  scenario: string;
  namespace: string;
  cluster?: { serverVersion?: string; runtime?: string; context?: string };
  startedAt: string;
  manifests?: string[];
  expect?: { step: string; verdict: 'pass' | 'fail'; what: string }[];
  notes?: string;
  /** The lab file this recording was made from, when probelab made it. */
  lab?: string;
}

export interface Recording {
  header: RecordingHeader;
  observations: Observation[];
}

export class RecordingError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line} ${message}`);
  }
}

export function parseRecording(text: string, file = '<recording>'): Recording {
  const lines = text.split('\n');
  let header: RecordingHeader | undefined;
  const observations: Observation[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new RecordingError(file, index + 1, `not JSON: ${(error as Error).message}`);
    }
    if (header === undefined) {
      header = readHeader(value, file, index + 1);
      return;
    }
    observations.push(readObservation(value, file, index + 1));
  });
  if (header === undefined) throw new RecordingError(file, 1, 'empty recording: no header line');
  return { header, observations };
}

function readHeader(value: unknown, file: string, line: number): RecordingHeader {
  if (!isRecord(value) || value.format !== RECORDING_FORMAT) {
    throw new RecordingError(file, line, `first line must be a header with "format": "${RECORDING_FORMAT}"`);
  }
  if (typeof value.startedAt !== 'string' || Number.isNaN(Date.parse(value.startedAt))) {
    throw new RecordingError(file, line, 'header.startedAt: expected an ISO 8601 time');
  }
  return value as unknown as RecordingHeader;
}

const KINDS = new Set(['watch', 'action', 'note']);
const RESOURCES = new Set(['pods', 'endpointslices', 'endpoints', 'events', 'deployments']);
const TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED']);

function readObservation(value: unknown, file: string, line: number): Observation {
  if (!isRecord(value)) throw new RecordingError(file, line, 'expected a JSON object');
  const at = typeof value.at === 'string' ? Date.parse(value.at) : NaN;
  if (Number.isNaN(at)) throw new RecordingError(file, line, 'at: expected an ISO 8601 time');
  if (typeof value.kind !== 'string' || !KINDS.has(value.kind)) {
    throw new RecordingError(file, line, `kind: expected watch, action or note, got ${JSON.stringify(value.kind)}`);
  }
  if (value.kind === 'watch') {
    if (typeof value.resource !== 'string' || !RESOURCES.has(value.resource)) {
      throw new RecordingError(file, line, `resource: unknown resource ${JSON.stringify(value.resource)}`);
    }
    if (typeof value.type !== 'string' || !TYPES.has(value.type)) {
      throw new RecordingError(file, line, `type: expected ADDED, MODIFIED or DELETED, got ${JSON.stringify(value.type)}`);
    }
    if (!isRecord(value.object) || !isRecord(value.object.metadata)) {
      throw new RecordingError(file, line, 'object: expected an API object with metadata');
    }
  }
  return { ...value, at } as unknown as Observation;
}

export function headerLine(header: RecordingHeader): string {
  return JSON.stringify(header);
}

export function observationLine(observation: Observation): string {
  return JSON.stringify({ ...observation, at: new Date(observation.at).toISOString() });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function serializeRecording(recording: Recording): string {
  return [headerLine(recording.header), ...recording.observations.map(observationLine)].join('\n') + '\n';
}
