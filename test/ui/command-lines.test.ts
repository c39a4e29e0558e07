// A command wrapped for the `c` screen must run unchanged when its lines are copied from the
// terminal as they are: read back through a real sh, and its JSON patch through JSON and YAML
// (kubectl reads -p with a YAML reader).

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commandLines } from '../../src/ui/command-lines.js';
import { cellWidth } from '../../src/ui/text.js';
import { shellWords } from '../support/shell.js';

const EXEC = ['kubectl', '-n', 'probelab-readiness-exec-x7k2p', 'exec', 'readiness-deployment-774f8b876f-hqx8x', '-c', 'readiness-deployment', '--', 'sh', '-c', 'kill $(cat /tmp/listener.pid)'];
const PATCH_VALUE = [{ op: 'add', path: '/status/conditions/-', value: { type: 'example.com/feature-1', status: 'True' } }];
const PATCH = ['kubectl', '-n', 'probelab-readiness-gate-4kq2z', 'patch', 'pod', 'sample-readinessgate', '--subresource=status', '--type=json', '-p', JSON.stringify(PATCH_VALUE)];

describe('commandLines', () => {
  it('keeps a command that fits on one line', () => {
    expect(commandLines(['kubectl', '-n', 'lab', 'scale', 'deployment/web', '--replicas=3'], 80, '  ', '      ')).toEqual(['  kubectl -n lab scale deployment/web --replicas=3']);
  });

  it.each([80, 60, 50])('at %i columns the lines fit and, pasted, run the same command', (width) => {
    for (const argv of [EXEC, PATCH]) {
      const lines = commandLines(argv, width, '  ', '      ');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(width);
      const words = shellWords(lines.join('\n'));
      // The patch may come back with line breaks in it: the same JSON, other whitespace.
      if (argv === PATCH) expect([...words.slice(0, -1), JSON.parse(words.at(-1)!)]).toEqual([...argv.slice(1, -1), PATCH_VALUE]);
      else expect(words).toEqual(argv.slice(1));
    }
  });

  it('cuts a word longer than a line rather than overflow it (the clipboard copy stays whole)', () => {
    for (const line of commandLines(EXEC, 36, '  ', '      ')) expect(cellWidth(line)).toBeLessThanOrEqual(36);
  });

  it('breaks between arguments with a backslash, and keeps a one-letter flag with its value', () => {
    const lines = commandLines(EXEC, 80, '  ', '      ');
    expect(lines[0]).toMatch(/ \\$/);
    expect(lines.some((line) => /-c readiness-deployment/.test(line))).toBe(true);
  });

  it('breaks a JSON patch inside its quotes where JSON and YAML allow whitespace', () => {
    const lines = commandLines(PATCH, 44, '  ', '      ');
    const patch = shellWords(lines.join('\n')).at(-1)!;
    expect(patch).toContain('\n');
    expect(JSON.parse(patch)).toEqual(PATCH_VALUE);
    expect(parseYaml(patch)).toEqual(PATCH_VALUE);
  });
});
