// What `exercise start` tells the student: where the exercise is, what was applied (and the
// kubectl command that would do the same), the task, and the kubectl commands to look at the
// objects and change them, then how to check and finish. Pure text.

import type { AppliedObject } from '../cluster/port.js';
import type { Lab } from '../lab/schema.js';
import { targetKind, targetName } from '../verify/evidence.js';

export interface StartedExercise {
  /** The lab file as the student named it, for the commands to run next. */
  labFile: string;
  lab: Lab;
  namespace: string;
  /** The namespace was created for this exercise (finish deletes it). */
  created: boolean;
  context: string;
  /** The start manifests, relative to where the student runs probelab. */
  manifestFiles: string[];
  applied: AppliedObject[];
  label: string;
}

export function startGuide(started: StartedExercise): string[] {
  const { lab, namespace, labFile } = started;
  const exercise = lab.spec.exercise!;
  const target = lab.spec.verify!.target;
  const kind = targetKind(target).toLowerCase();
  const name = targetName(target);
  const n = `-n ${namespace}`;
  const change =
    kind === 'pod'
      ? [
          `  kubectl get pod ${name} ${n} -o yaml > ${name}.yaml`,
          `  # edit ${name}.yaml; a pod's containers cannot change in place, so replace the pod:`,
          `  kubectl replace --force -f ${name}.yaml`,
        ]
      : [`  kubectl edit deployment ${name} ${n}`, `  # a changed pod template rolls out new pods; wait for them with`, `  kubectl rollout status deployment/${name} ${n}`];
  return [
    `exercise ${lab.metadata.name} in namespace ${namespace} (context ${started.context})${started.created ? ', created for it' : ''}`,
    `applied, each object labelled ${started.label} (as kubectl apply --server-side ${n} ${started.manifestFiles.map((file) => `-f ${file}`).join(' ')} would, plus the label):`,
    ...started.applied.map((object) => `  ${object.kind}/${object.name}`),
    '',
    'Your task',
    ...exercise.task.trimEnd().replaceAll('<namespace>', namespace).split('\n').map((line) => `  ${line}`.trimEnd()),
    '',
    'Look at it',
    `  kubectl get ${kind === 'pod' ? 'pods' : 'deployments,pods'} ${n}`,
    `  kubectl describe ${kind} ${name} ${n}`,
    'Change it',
    ...change,
    'Check it: a ✔ or ✘ for each check; with --watch every change re-grades it at once',
    `  probelab exercise check ${labFile} ${n} --watch`,
    `Finish: deletes what this start created${started.created ? ` (the namespace ${namespace})` : ` (the objects labelled ${started.label})`}`,
    `  probelab exercise finish ${labFile} ${n}`,
  ];
}
