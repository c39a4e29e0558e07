// Turns zod issues into lab-file problems: one sentence per problem, with the field path as a
// reader writes it (spec.steps[2].expect[0].ready) and the offending value quoted.

import type * as z from 'zod';
import { closest } from './suggest.js';

export type Path = (string | number)[];

export interface Problem {
  path: Path;
  message: string;
  /** Point at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

type Issue = z.core.$ZodIssue;

/**
 * A union branch that fails at its root (wrong type), misses the key that names it, or meets
 * keys it does not know is not the branch the author meant; the branch with the fewest such
 * misses is the one whose errors are worth reporting.
 */
function branchMismatch(issues: Issue[], value: unknown): { score: number; missingKeys: string[] } {
  let score = 0;
  const missingKeys: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_type' && issue.path.length === 0) score += 100;
    else if (issue.code === 'invalid_value' && issue.path.length === 0) score += 100;
    else if (issue.code === 'invalid_format' && issue.path.length === 0) score += 100;
    else if (issue.code === 'unrecognized_keys' && issue.path.length === 0) score += issue.keys.length;
    else if (issue.path.length === 1 && valueAt(value, issue.path as Path) === undefined) {
      score += 1;
      missingKeys.push(String(issue.path[0]));
    }
  }
  return { score, missingKeys };
}

export function problemsFromIssues(issues: readonly Issue[], data: unknown, knownKeys: Set<string>, base: Path = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path: Path = [...base, ...(issue.path as (string | number)[])];
    const value = valueAt(data, path);
    switch (issue.code) {
      case 'invalid_union': {
        const branches = issue.errors.map((errors) => ({ errors, ...branchMismatch(errors, value) }));
        const best = branches.reduce((a, b) => (b.score < a.score || (b.score === a.score && b.errors.length < a.errors.length) ? b : a));
        const nothingNamed = branches.every((b) => b.missingKeys.length > 0) && value !== null && typeof value === 'object' && !Array.isArray(value);
        if (nothingNamed) {
          const names = [...new Set(branches.flatMap((b) => b.missingKeys))];
          const present = Object.keys(value as object);
          const hint = present.map((key) => closest(key, names)).find((name) => name !== undefined);
          problems.push({
            path,
            message: `expected one of the keys ${names.join(', ')}, got ${present.length ? present.map((k) => JSON.stringify(k)).join(', ') : 'an empty mapping'}${hint ? ` (did you mean "${hint}"?)` : ''}`,
          });
        } else if (best.score >= 100 && branches.every((b) => b.score >= 100)) {
          const expected = [...new Set(branches.flatMap((b) => b.errors.filter((e) => e.path.length === 0).map(expectedText)))].join(' or ');
          problems.push({ path, message: value === undefined ? `is required (${expected})` : `expected ${expected}, got ${describeValue(value)}` });
        } else {
          problems.push(...problemsFromIssues(best.errors, data, knownKeys, path));
        }
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const hint = closest(key, knownKeys);
          problems.push({ path: [...path, key], atKey: true, message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}` });
        }
        break;
      case 'invalid_type':
        problems.push({
          path,
          message: value === undefined ? `is required (${expectedText(issue)})` : `expected ${expectedText(issue)}, got ${describeValue(value)}`,
        });
        break;
      case 'invalid_value': {
        const options = issue.values.map((v) => String(v));
        const hint = typeof value === 'string' ? closest(value, options) : undefined;
        problems.push({
          path,
          message: `expected ${options.length === 1 ? JSON.stringify(options[0]) : `one of ${options.join(', ')}`}, got ${describeValue(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const relation = issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
        if (!/^Too (small|big)/.test(issue.message)) {
          problems.push({ path, message: issue.message });
        } else if (issue.origin === 'array') {
          problems.push({ path, message: issue.code === 'too_small' ? `expected at least ${String(bound)} item${bound === 1 ? '' : 's'}, got ${Array.isArray(value) ? value.length : 0}` : `expected at most ${String(bound)} items` });
        } else if (issue.origin === 'string') {
          problems.push({ path, message: issue.message });
        } else {
          problems.push({ path, message: `expected a number ${relation} ${String(bound)}, got ${describeValue(value)}` });
        }
        break;
      }
      case 'invalid_format':
      case 'custom':
      default:
        problems.push({ path, message: issue.code === 'invalid_format' ? `${issue.message}, got ${describeValue(value)}` : issue.message });
    }
  }
  return problems;
}

function expectedText(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    const expected = issue.expected;
    if (expected === 'object') return 'a mapping';
    if (expected === 'array') return 'a list';
    if (expected === 'int') return 'an integer';
    return `a ${expected}`;
  }
  if (issue.code === 'invalid_format') return issue.message.replace(/^expected /, '');
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return issue.message;
}
