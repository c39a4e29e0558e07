// A rehearsal setup: a small workshop over catalogue labs, and a RecordedCatalogue test double
// that plays each lab's real recording (one of them altered to play an image that cannot be pulled).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pod } from '../../src/model/kube.js';
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { readFixture, repoRoot } from '../support/fixtures.js';
import { RecordedCatalogue } from './recorded-catalogue.js';

/**
 * liveness-defaults as a node that cannot pull nginx would record it: the same pod, whose
 * container waits in ErrImagePull instead of starting (the kubelet's events left out).
 */
export function unpullable(recording: Recording): Recording {
  const observations = recording.observations.flatMap((o): Observation[] => {
    if (o.kind !== 'watch') return [o];
    if (o.resource === 'events') return [];
    if (o.resource !== 'pods') return [o];
    const pod = structuredClone(o.object) as Pod;
    if (pod.status?.containerStatuses) {
      pod.status.phase = 'Pending';
      pod.status.conditions = pod.status.conditions?.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' } : c));
      pod.status.containerStatuses = pod.status.containerStatuses.map((s) => ({
        ...s,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ErrImagePull', message: 'failed to pull image "nginx:1.27": dial tcp: i/o timeout' } },
      }));
    }
    return [{ ...o, object: pod }];
  });
  return { ...recording, observations };
}

export const WORKSHOP = (dir = repoRoot) => `apiVersion: probelab.dev/v1
kind: Workshop
metadata: { name: rehearsal }
spec:
  parallel: 2
  labs:
    - lab: ${dir}labs/liveness-exam.yaml
    - lab: ${dir}labs/readiness-gate.yaml
    - lab: ${dir}labs/init-containers.yaml
      parallel: false
    - lab: ${dir}labs/liveness-defaults.yaml
    - lab: ${dir}labs/lifecycle-hooks.yaml
      skip: no recording of this lab
    - lab: ${dir}labs/readiness-exec.yaml
`;

export function writeWorkshop(text = WORKSHOP()): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'probelab-rehearsal-')), 'rehearsal.yaml');
  writeFileSync(file, text);
  return file;
}

/**
 * The class cluster: liveness-exam, init-containers and readiness-exec as recorded; readiness-gate
 * as recorded, which ends after the gate was set (so its last step cannot pass); liveness-defaults
 * unable to pull its image; and readiness-exec's namespace refused by RBAC.
 */
export async function classCluster(): Promise<RecordedCatalogue> {
  const catalogue = new RecordedCatalogue();
  for (const lab of ['liveness-exam', 'readiness-gate', 'init-containers', 'readiness-exec']) catalogue.add(lab, await readFixture(lab));
  catalogue.add('liveness-defaults', unpullable(await readFixture('liveness-defaults')));
  catalogue.forbidden.add('readiness-exec');
  return catalogue;
}
