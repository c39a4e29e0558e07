// The grade book in its three formats, from grades of the exam class (the read-only test double).

import { describe, expect, it } from 'vitest';
import { gradeNamespaces, type NamespaceGrade } from '../../src/verify/grade.js';
import { GRADES_API_VERSION, renderGradeBook } from '../../src/verify/gradebook.js';
import { loadCatalogueLab } from '../support/fixtures.js';
import { examClass } from './support.js';

const meta = { labs: ['liveness-exam'], context: 'kind-grading', gradedAt: '2026-11-21T21:00:00.000Z' };

async function grades(): Promise<NamespaceGrade[]> {
  const loaded = await loadCatalogueLab('liveness-exam');
  const cluster = await examClass();
  cluster.forbidden.add('student-empty');
  return gradeNamespaces(cluster, ['student-correct', 'student-partly-wrong', 'student-empty'], [{ name: 'liveness-exam', verify: loaded.lab.spec.verify! }]);
}

describe('renderGradeBook', () => {
  it('json: every check of every namespace, with the score and any error', async () => {
    const book = JSON.parse(renderGradeBook('json', await grades(), meta));
    expect(book.apiVersion).toBe(GRADES_API_VERSION);
    expect(book.labs).toEqual(['liveness-exam']);
    expect(book.namespaces.map((n: { namespace: string; score: { earned: number; percent: number } }) => [n.namespace, n.score.earned, n.score.percent])).toEqual([
      ['student-correct', 9, 100],
      ['student-partly-wrong', 8, 88],
      ['student-empty', 0, 0],
    ]);
    expect(book.namespaces[1].checks[2]).toEqual({ lab: 'liveness-exam', name: 'probes every 5 s', points: 1, passed: false, reason: 'livenessProbe.periodSeconds is 10, expected 5' });
    expect(book.namespaces[2].error).toMatch(/forbidden/);
    expect(book.namespaces[0].error).toBeUndefined();
  });

  it('junit: a testsuite per namespace, a testcase per check; failures for wrong answers, errors for unreadable namespaces', async () => {
    const xml = renderGradeBook('junit', await grades(), meta);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="probelab verify" tests="21" failures="1" errors="7">/);
    expect([...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)">/g)].map((m) => m.slice(1))).toEqual([
      ['student-correct', '7', '0', '0'],
      ['student-partly-wrong', '7', '1', '0'],
      ['student-empty', '7', '0', '7'],
    ]);
    expect(xml).toContain(
      '    <testcase name="probes every 5 s" classname="liveness-exam">\n      <failure message="livenessProbe.periodSeconds is 10, expected 5" type="0/1 points"/>\n    </testcase>',
    );
    expect(xml).toContain('<testcase name="liveness probe runs `ls /tmp/healthy`" classname="liveness-exam"/>');
    expect(xml).toContain('<error message="not graded: read Pod/liveness-exam: pods is forbidden: User &quot;ta&quot;');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(21);
  });

  it('csv: a row per namespace, a column per check with the points earned, quoted where needed', async () => {
    const lines = renderGradeBook('csv', await grades(), meta).split('\r\n');
    expect(lines[0]).toBe(
      'namespace,earned,total,percent,liveness probe runs `ls /tmp/healthy` (2),first probe 10 s after start (1),probes every 5 s (1),one success is healthy (1),two failures mean restart (1),the kubelet restarted it for failing liveness (2),the probe reported the missing file (1),error',
    );
    expect(lines[1]).toBe('student-correct,9,9,100,2,1,1,1,1,2,1,');
    expect(lines[2]).toBe('student-partly-wrong,8,9,88,2,1,0,1,1,2,1,');
    expect(lines[3]).toMatch(/^student-empty,0,9,0,0,0,0,0,0,0,0,"read Pod\/liveness-exam: pods is forbidden: User ""ta"" cannot/);
    expect(lines[4]).toBe('');
  });
});
