import { describe, expect, it } from 'vitest';
import { parseRecording, RecordingError, serializeRecording } from '../../src/recording/format.js';
import { fixtureNames, readFixture } from '../support/fixtures.js';

const names = await fixtureNames();

describe('probelab-recording/v1', () => {
  it.each(names)('reads the real-cluster fixture %s and writes it back unchanged', async (name) => {
    const recording = await readFixture(name);
    expect(recording.header.format).toBe('probelab-recording/v1');
    expect(recording.observations.length).toBeGreaterThan(5);
    expect(recording.observations.every((o, i, all) => i === 0 || o.at >= all[i - 1]!.at)).toBe(true);
    expect(parseRecording(serializeRecording(recording))).toEqual(recording);
  });

  it('names the line of a broken observation', () => {
    const text = '{"format":"probelab-recording/v1","scenario":"x","namespace":"n","startedAt":"2026-11-21T20:00:00.000Z"}\n{"at":"2026-11-21T20:00:01.000Z","kind":"watch","resource":"pods","type":"ADDED","object":{"metadata":{"name":"p"}}}\n{"at":"soon","kind":"note","text":"x"}\n';
    expect(() => parseRecording(text, 'r.jsonl')).toThrow(new RecordingError('r.jsonl', 3, 'at: expected an ISO 8601 time'));
  });

  it('rejects a file without the header', () => {
    expect(() => parseRecording('{"at":"2026-11-21T20:00:01.000Z","kind":"note","text":"x"}\n', 'r.jsonl')).toThrow(/r.jsonl:1 first line must be a header/);
  });

  it('rejects an unknown resource', () => {
    const text = '{"format":"probelab-recording/v1","scenario":"x","namespace":"n","startedAt":"2026-11-21T20:00:00.000Z"}\n{"at":"2026-11-21T20:00:01.000Z","kind":"watch","resource":"secrets","type":"ADDED","object":{"metadata":{"name":"p"}}}\n';
    expect(() => parseRecording(text, 'r.jsonl')).toThrow(/r.jsonl:2 resource: unknown resource "secrets"/);
  });
});
