// Grading a class through the read-only test double: namespace selection, the evidence reads,
// scores, the score table and the exit code.

import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.js';
import { gatherEvidence } from '../../src/verify/gather.js';
import { gradeExitCode, gradeNamespaces, type GradedLab } from '../../src/verify/grade.js';
import { globToRegExp, selectNamespaces } from '../../src/verify/namespaces.js';
import { scoreTable, sortGrades } from '../../src/verify/tables.js';
import { loadCatalogueLab } from '../support/fixtures.js';
import { RecordedNamespaces } from './recorded-namespaces.js';
import { examClass } from './support.js';

async function examLab(): Promise<GradedLab> {
  const loaded = await loadCatalogueLab('liveness-exam');
  return { name: 'liveness-exam', verify: loaded.lab.spec.verify! };
}

describe('selectNamespaces', () => {
  it('matches names by glob and labels by selector, sorted', async () => {
    const cluster = await examClass();
    expect(await selectNamespaces(cluster, { glob: 'student-*' })).toEqual(['student-correct', 'student-empty', 'student-partly-wrong']);
    expect(await selectNamespaces(cluster, { selector: 'course=k8s-101' })).toEqual(['student-correct', 'student-empty', 'student-partly-wrong']);
    expect(await selectNamespaces(cluster, { glob: 'student-??????-*', selector: 'course=k8s-101' })).toEqual(['student-partly-wrong']);
    expect(await selectNamespaces(cluster, { selector: 'course!=k8s-101' })).toEqual(['kube-system']);
    expect(cluster.reads).toEqual(Array(4).fill('list (cluster) Namespace'));
  });

  it('treats every glob character but * and ? literally', () => {
    expect(globToRegExp('team.a-*').test('team.a-01')).toBe(true);
    expect(globToRegExp('team.a-*').test('teamXa-01')).toBe(false);
    expect(globToRegExp('s-?').test('s-10')).toBe(false);
  });
});

describe('gatherEvidence', () => {
  it('reads the target, its events and nothing else for a pod target', async () => {
    const cluster = await examClass();
    const evidence = await gatherEvidence(cluster, 'student-correct', (await examLab()).verify);
    expect(evidence.target?.metadata.name).toBe('liveness-exam');
    expect(evidence.pods.map((p) => p.metadata.name)).toEqual(['liveness-exam']);
    expect(evidence.events.map((e) => e.reason)).toContain('Killing');
    expect(cluster.reads).toEqual(['get student-correct Pod/liveness-exam', 'list student-correct Event']);
  });

  it("lists a Deployment's pods by its selector and reads objects named by checks", async () => {
    const loaded = await loadCatalogueLab('readiness-exec');
    const objects = loaded.extraManifests.get('../manifests/readiness-exec-solution.yaml')!.objects;
    const template = (objects[0] as unknown as { spec: { template: { metadata: { labels: Record<string, string> }; spec: unknown } } }).spec.template;
    const pod = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: template.spec });
    const cluster = new RecordedNamespaces().add('s1', [...objects, pod('readiness-deployment-1', template.metadata.labels), pod('other', { app: 'other' })]);
    const evidence = await gatherEvidence(cluster, 's1', loaded.lab.spec.verify!);
    expect(evidence.pods.map((p) => p.metadata.name)).toEqual(['readiness-deployment-1']);
    expect(evidence.objects.map((o) => `${o.kind ?? ''}/${o.metadata.name}`)).toEqual(['Service/readiness-svc']);
    expect(cluster.reads).toContain('list s1 Pod app=readiness-deployment');
  });
});

describe('gradeNamespaces', () => {
  it('scores the correct, the partly wrong and the empty namespace, and prints them best first', async () => {
    const cluster = await examClass();
    const grades = await gradeNamespaces(cluster, ['student-empty', 'student-partly-wrong', 'student-correct'], [await examLab()], 2);
    expect(grades.map((g) => [g.namespace, g.score.earned, g.score.total])).toEqual([
      ['student-empty', 0, 9],
      ['student-partly-wrong', 8, 9],
      ['student-correct', 9, 9],
    ]);
    expect(sortGrades(grades).map((g) => g.namespace)).toEqual(['student-correct', 'student-partly-wrong', 'student-empty']);
    expect(scoreTable(grades)).toEqual([
      'NAMESPACE             SCORE       PASSED  FAILED  FIRST FAILING CHECK',
      'student-correct       9/9 (100%)  7       0       -',
      'student-partly-wrong  8/9 (88%)   6       1       probes every 5 s: livenessProbe.periodSeconds is 10, expected 5',
      'student-empty         0/9 (0%)    0       7       liveness probe runs `ls /tmp/healthy`: pod liveness-exam not found in namespace student-empty',
    ]);
    expect(gradeExitCode(grades)).toBe(EXIT.failed);
    expect(gradeExitCode(grades.filter((g) => g.namespace === 'student-correct'))).toBe(EXIT.ok);
    expect(cluster.reads.every((read) => /^(get|list) /.test(read))).toBe(true);
  });

  it('keeps one column per check for a namespace it may not read, and exits 3', async () => {
    const cluster = await examClass();
    cluster.forbidden.add('student-empty');
    const grades = await gradeNamespaces(cluster, ['student-correct', 'student-empty'], [await examLab()]);
    const refused = grades[1]!;
    expect(refused.error).toMatch(/forbidden.*HTTP 403/);
    expect(refused.checks).toHaveLength(7);
    expect(refused.checks.every((c) => !c.passed && c.reason.startsWith('not graded: read Pod/liveness-exam: pods is forbidden'))).toBe(true);
    expect(scoreTable(grades)[2]).toMatch(/^student-empty +0\/9 \(0%\) +0 +7 +error: read Pod\/liveness-exam: pods is forbidden/);
    expect(gradeExitCode(grades)).toBe(EXIT.cluster);
  });
});
