// The grade book `--output FILE --format json|junit|csv` writes: the same grades in three shapes.
// JSON has every check of every namespace; JUnit one <testsuite> per namespace and one <testcase>
// per check (so CI dashboards show each student's failing checks); CSV one row per namespace with
// a column per check holding the points earned, for a spreadsheet.

import type { GradedCheck, NamespaceGrade } from './grade.js';
import { percentOf } from './verify-lab.js';

export const GRADE_FORMATS = ['json', 'junit', 'csv'] as const;
export type GradeFormat = (typeof GRADE_FORMATS)[number];

export const GRADES_API_VERSION = 'probelab.dev/grades/v1';

export interface GradeBookMeta {
  /** The labs graded, by metadata.name, in order. */
  labs: string[];
  context?: string;
  gradedAt: string;
}

export function renderGradeBook(format: GradeFormat, grades: readonly NamespaceGrade[], meta: GradeBookMeta): string {
  if (format === 'json') return renderJson(grades, meta);
  if (format === 'junit') return renderJunit(grades);
  return renderCsv(grades, meta);
}

function renderJson(grades: readonly NamespaceGrade[], meta: GradeBookMeta): string {
  const book = {
    apiVersion: GRADES_API_VERSION,
    ...meta,
    namespaces: grades.map((grade) => ({
      namespace: grade.namespace,
      score: { ...grade.score, percent: percentOf(grade.score) },
      ...(grade.error === undefined ? {} : { error: grade.error }),
      checks: grade.checks.map(({ lab, name, points, passed, reason }) => ({ lab, name, points, passed, reason })),
    })),
  };
  return `${JSON.stringify(book, null, 2)}\n`;
}

// XML 1.0 cannot carry most C0 controls at all, even escaped; an event message might hold one.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xml(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${xml(String(value))}"`)
    .join('');
}

function renderJunit(grades: readonly NamespaceGrade[]): string {
  const count = (grade: NamespaceGrade) => ({
    tests: grade.checks.length,
    failures: grade.error === undefined ? grade.score.failed : 0,
    errors: grade.error === undefined ? 0 : grade.checks.length,
  });
  const totals = grades.map(count).reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors }), { tests: 0, failures: 0, errors: 0 });
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'probelab verify', ...totals })}>`];
  for (const grade of grades) {
    lines.push(`  <testsuite${attributes({ name: grade.namespace, ...count(grade) })}>`);
    lines.push('    <properties>');
    lines.push(`      <property${attributes({ name: 'score', value: `${String(grade.score.earned)}/${String(grade.score.total)}` })}/>`);
    lines.push('    </properties>');
    for (const check of grade.checks) {
      const open = `    <testcase${attributes({ name: check.name, classname: check.lab })}`;
      if (check.passed) lines.push(`${open}/>`);
      else if (grade.error !== undefined) lines.push(`${open}>`, `      <error${attributes({ message: check.reason })}/>`, '    </testcase>');
      else lines.push(`${open}>`, `      <failure${attributes({ message: check.reason, type: `0/${String(check.points)} points` })}/>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function columnName(check: GradedCheck, labs: readonly string[]): string {
  return labs.length > 1 ? `${check.lab}: ${check.name}` : check.name;
}

function renderCsv(grades: readonly NamespaceGrade[], meta: GradeBookMeta): string {
  const checks = grades[0]?.checks ?? [];
  const header = ['namespace', 'earned', 'total', 'percent', ...checks.map((check) => `${columnName(check, meta.labs)} (${String(check.points)})`), 'error'];
  const rows = grades.map((grade) => [
    grade.namespace,
    grade.score.earned,
    grade.score.total,
    percentOf(grade.score),
    ...grade.checks.map((check) => (check.passed ? check.points : 0)),
    grade.error ?? '',
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
