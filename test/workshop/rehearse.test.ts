// workshop check's orchestration on a test double of the whole cluster that plays real
// recordings (test/workshop/recorded-catalogue.ts, over test/runner/recorded-cluster.ts).

import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/runner/run-labs.js';
import { EXIT } from '../../src/exit-codes.js';
import { loadWorkshop, type LoadedWorkshop } from '../../src/workshop/load.js';
import { rehearsalSummary, rehearsalTable } from '../../src/workshop/rehearsal-report.js';
import { rehearse } from '../../src/workshop/rehearse.js';
import { classCluster, writeWorkshop } from './support.js';

async function workshop(): Promise<LoadedWorkshop> {
  const result = await loadWorkshop(writeWorkshop());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.loaded;
}

describe('rehearse', () => {
  it('runs the labs that are not skipped, the parallel:false one after the others, and reports why each would fail', async () => {
    const cluster = await classCluster();
    const loaded = await workshop();
    const results = await rehearse(loaded, {}, { cluster, clockFor: (entry) => cluster.clock(entry.loaded.lab.metadata.name), signal: new AbortController().signal });
    expect(results.map((r) => [r.lab, r.outcome])).toEqual([
      ['liveness-exam', 'passed'],
      ['readiness-gate', 'failed'],
      ['init-containers', 'passed'],
      ['liveness-defaults', 'failed'],
      ['readiness-exec', 'error'],
    ]);
    expect(cluster.started.at(-1)).toBe('init-containers');
    expect(cluster.started).not.toContain('lifecycle-hooks');
    // Every namespace that was created was deleted again.
    expect([...cluster.byLab].filter(([lab]) => lab !== 'readiness-exec').map(([, lab]) => lab.deleted.length)).toEqual([1, 1, 1, 1]);

    const table = rehearsalTable(loaded, results);
    expect(table[0]).toMatch(/^LAB +RESULT +DURATION +WHY$/);
    expect(table.find((l) => l.startsWith('liveness-exam'))).toMatch(/^liveness-exam +passed +(\d+m)?\d+s +-$/);
    expect(table.find((l) => l.startsWith('lifecycle-hooks'))).toMatch(/^lifecycle-hooks +skipped +- +no recording of this lab$/);
    expect(table.find((l) => l.startsWith('liveness-defaults'))).toContain(
      'step 1 "nginx runs with its liveness probe passing": pod nginx-pod-liveness cannot start its containers: ErrImagePull. Check the image name and that the cluster can pull it.',
    );
    expect(table.find((l) => l.startsWith('readiness-gate'))).toContain('step 3 "turn the gate off again": pod sample-readinessgate READY 1/1');
    expect(table.find((l) => l.startsWith('readiness-exec'))).toMatch(/error .*namespaces is forbidden: User "ta" cannot create resource "namespaces".*\(HTTP 403 Forbidden\)$/);
    expect(rehearsalSummary(loaded, results, 'kind-class')).toBe('2 of 5 labs would run as written on context kind-class; 3 would not; 1 skipped');
    expect(exitCodeFor(results, false)).toBe(EXIT.cluster);
  });

  it('honours spec.parallel: two labs are under way before the first finishes', async () => {
    const cluster = await classCluster();
    const loaded = await workshop();
    const order: string[] = [];
    await rehearse(loaded, {}, {
      cluster,
      clockFor: (entry) => cluster.clock(entry.loaded.lab.metadata.name),
      signal: new AbortController().signal,
      onEvent: (lab, event) => {
        if (event.kind === 'started' || event.kind === 'finished') order.push(`${event.kind} ${lab}`);
      },
    });
    expect(order.slice(0, 2)).toEqual(['started liveness-exam', 'started readiness-gate']);
    expect(order.indexOf('started init-containers')).toBeGreaterThan(order.lastIndexOf('finished readiness-exec'));
  });

  it('stops starting labs once interrupted', async () => {
    const cluster = await classCluster();
    const controller = new AbortController();
    controller.abort();
    const results = await rehearse(await workshop(), {}, { cluster, clockFor: (entry) => cluster.clock(entry.loaded.lab.metadata.name), signal: controller.signal });
    expect(results).toEqual([]);
    expect(cluster.started).toEqual([]);
  });
});
