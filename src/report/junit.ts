// JUnit XML in the dialect of the Jenkins xUnit plugin's junit-10.xsd, which GitHub Actions
// reporters, GitLab (artifacts:reports:junit) and Jenkins all read: <testsuites> with one
// <testsuite> per lab, one <testcase> per step. That schema has no place for an error outside a
// test case, so a lab that broke down outside any step (namespace or apply failed) gets one
// extra test case, OUTSIDE_STEPS, holding the <error>. test/report/junit-10-subset.xsd restates
// the rules the output is checked against.

import type { LabResult } from '../runner/events.js';
import { labOutcomes, type StepOutcome } from './outcomes.js';
import { itemLine } from './text.js';

/** The name of the test case that carries an error no step carries. */
export const OUTSIDE_STEPS = '(outside any step)';

export function renderJunit(results: LabResult[], logs: Map<string, string[]> = new Map()): string {
  const suites = results.map((result) => suite(result, logs.get(result.lab)));
  const totals = suites.reduce((sum, s) => ({ tests: sum.tests + s.tests, failures: sum.failures + s.failures, errors: sum.errors + s.errors, time: sum.time + s.time }), { tests: 0, failures: 0, errors: 0, time: 0 });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'probelab', tests: totals.tests, failures: totals.failures, errors: totals.errors, time: seconds(totals.time) })}>`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  lines: string[];
  tests: number;
  failures: number;
  errors: number;
  time: number;
}

function suite(result: LabResult, log: string[] | undefined): Suite {
  const { steps, labError, counts } = labOutcomes(result);
  const timeMs = result.finishedAt - result.startedAt;
  const tests = steps.length + (labError === undefined ? 0 : 1);
  const errors = counts.error + (labError === undefined ? 0 : 1);
  const lines = [
    `  <testsuite${attributes({
      name: result.lab,
      tests,
      failures: counts.failed,
      errors,
      skipped: counts.skipped,
      time: seconds(timeMs),
      timestamp: antTimestamp(result.startedAt),
      file: result.file,
    })}>`,
    '    <properties>',
    ...Object.entries({ title: result.title, outcome: result.outcome, namespace: result.namespace }).flatMap(([name, value]) =>
      value === undefined ? [] : [`      <property${attributes({ name, value })}/>`],
    ),
    '    </properties>',
    ...steps.flatMap((step) => testcase(result, step)),
  ];
  if (labError !== undefined) {
    lines.push(`    <testcase${attributes({ name: OUTSIDE_STEPS, classname: result.lab, time: seconds(0) })}>`);
    lines.push(`      <error${attributes({ message: labError, type: result.outcome })}>${text(labError)}</error>`);
    lines.push('    </testcase>');
  }
  if (log && log.length > 0) lines.push(`    <system-out>${text(log.join('\n'))}</system-out>`);
  lines.push('  </testsuite>');
  return { lines, tests, failures: counts.failed, errors, time: timeMs };
}

function testcase(result: LabResult, step: StepOutcome): string[] {
  const open = `    <testcase${attributes({ name: step.name, classname: result.lab, time: seconds(step.durationMs) })}`;
  const message = step.message ?? '';
  switch (step.result) {
    case 'passed':
      return [`${open}/>`];
    case 'skipped':
      return [`${open}>`, `      <skipped${attributes({ message })}/>`, '    </testcase>'];
    case 'failed':
      return [`${open}>`, `      <failure${attributes({ message, type: 'StepFailed' })}>${text(failureBody(step))}</failure>`, '    </testcase>'];
    case 'error':
      return [`${open}>`, `      <error${attributes({ message, type: result.outcome })}>${text(failureBody(step))}</error>`, '    </testcase>'];
  }
}

/** The reason, the evidence a learner would look at with kubectl, then every expectation's status. */
function failureBody(step: StepOutcome): string {
  const verdict = step.verdict;
  const lines = [step.message ?? ''];
  if (verdict && verdict.evidence.length > 0) lines.push('', 'evidence:', ...verdict.evidence.map((line) => `  ${line}`));
  if (verdict && verdict.items.length > 0) lines.push('', 'expectations:', ...verdict.items.map((item) => `  ${itemLine(item, verdict.startedAt)}`));
  return lines.join('\n');
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${attribute(String(value))}"`)
    .join('');
}

/** Seconds with millisecond precision: the SUREFIRE_TIME pattern of junit-10.xsd (no exponent, no sign). */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * Ant's timestamp form (yyyy-MM-ddTHH:mm:ss, no zone), the one every JUnit consumer parses; the
 * time is UTC.
 */
function antTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

// XML 1.0 §2.2 Char: tab, LF, CR and U+0020 upwards, minus the surrogate block and U+FFFE/U+FFFF.
// Anything else cannot appear even as a character reference, so it is written out as \uXXXX.
// A lone surrogate (half of a broken pair) becomes U+FFFD.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function legal(value: string): string {
  return value.replace(NOT_XML_CHAR, (c) => (c >= '\ud800' && c <= '\udfff' ? '\ufffd' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function text(value: string): string {
  return legal(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also keep their tabs and line breaks (a parser would normalise them to spaces). */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
