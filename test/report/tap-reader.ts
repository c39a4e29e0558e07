// A strict reader of TAP version 14 for the report tests: the version line, one plan per document,
// test points with descriptions and SKIP/TODO directives (with the spec's `\#` / `\\` escaping),
// YAML diagnostic blocks 2 spaces under their test point, and commented subtests (`# Subtest: name`,
// the child document indented 4 spaces, closed by a test point whose description is that name).
// Any other line throws: probelab's TAP has nothing else in it.

import { parse } from 'yaml';

export interface TapPoint {
  ok: boolean;
  number: number;
  description: string;
  directive?: { kind: 'skip' | 'todo'; reason: string };
  diagnostic?: Record<string, unknown>;
  subtest?: TapDocument;
}

export interface TapDocument {
  plan: number;
  points: TapPoint[];
}

export function readTap(text: string): TapDocument {
  if (!text.endsWith('\n')) throw new Error('a TAP stream ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== 'TAP version 14') throw new Error(`first line must be "TAP version 14", got ${JSON.stringify(lines[0])}`);
  return document(lines.slice(1), 'root');
}

const POINT = /^(not ok|ok) (\d+)(?: - (.*))?$/;

function document(lines: string[], where: string): TapDocument {
  let plan: number | undefined;
  const points: TapPoint[] = [];
  let subtest: { name: string; lines: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (subtest && (line.startsWith('    ') || line === '')) {
      subtest.lines.push(line.slice(4));
      continue;
    }
    const subtestHeader = /^# Subtest: (.*)$/.exec(line);
    if (subtestHeader) {
      if (subtest) throw new Error(`${where}: subtest ${subtest.name} has no test point`);
      subtest = { name: subtestHeader[1]!, lines: [] };
      continue;
    }
    const planMatch = /^1\.\.(\d+)$/.exec(line);
    if (planMatch) {
      if (plan !== undefined) throw new Error(`${where}: a second plan`);
      if (points.length > 0) throw new Error(`${where}: the plan must come before the test points (as probelab writes it)`);
      plan = Number(planMatch[1]);
      continue;
    }
    const match = POINT.exec(line);
    if (!match) throw new Error(`${where}: not TAP: ${JSON.stringify(line)}`);
    const { description, directive } = splitDirective(match[3] ?? '');
    const point: TapPoint = { ok: match[1] === 'ok', number: Number(match[2]), description, directive };
    if (subtest) {
      if (subtest.name !== (match[3] ?? '')) throw new Error(`${where}: subtest "${subtest.name}" closed by test point "${match[3]}"`);
      point.subtest = document(subtest.lines, `${where} > ${point.description}`);
      subtest = undefined;
    }
    if (lines[i + 1] === '  ---') {
      const end = lines.indexOf('  ...', i + 2);
      if (end === -1) throw new Error(`${where}: unterminated YAML block after ${line}`);
      const yaml = lines.slice(i + 2, end);
      if (yaml.some((l) => !l.startsWith('  '))) throw new Error(`${where}: YAML block lines must be indented 2 spaces`);
      point.diagnostic = parse(yaml.map((l) => l.slice(2)).join('\n')) as Record<string, unknown>;
      i = end;
    }
    points.push(point);
  }
  if (subtest) throw new Error(`${where}: subtest ${subtest.name} has no test point`);
  if (plan === undefined) throw new Error(`${where}: no plan`);
  if (points.length !== plan) throw new Error(`${where}: plan 1..${plan} but ${points.length} test points`);
  points.forEach((point, index) => {
    if (point.number !== index + 1) throw new Error(`${where}: test point ${point.number} where ${index + 1} was due`);
  });
  return { plan, points };
}

/** TAP14 "Escaping": the first `#` not escaped by a backslash starts the directive. */
function splitDirective(text: string): Pick<TapPoint, 'description' | 'directive'> {
  let description = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === '#')) {
      description += text[++i];
    } else if (c === '#') {
      const directive = /^# (SKIP|TODO)\S*(?:\s+(.*))?$/i.exec(text.slice(i));
      if (!directive) throw new Error(`unescaped # that starts no directive in ${JSON.stringify(text)}`);
      const reason = (directive[2] ?? '').replace(/\\([\\#])/g, '$1');
      return { description: description.trimEnd(), directive: { kind: directive[1]!.toLowerCase() as 'skip' | 'todo', reason } };
    } else {
      description += c;
    }
  }
  return { description };
}
