// What `exercise start` tells the student: where the exercise is, what was applied (and the
// kubectl command that would do the same), the task, and the kubectl commands to look at the
// objects and change them, then how to check and finish. Pure text, in the student's language.

import type { AppliedObject } from '../cluster/port.js';
import { exerciseMessagesFor } from '../i18n/exercise-messages.js';
import type { Lang } from '../i18n/lang.js';
import type { Lab } from '../lab/schema.js';
import { targetKind, targetName } from '../verify/evidence.js';

export interface StartedExercise {
  /** The lab file as the student named it, for the commands to run next. */
  labFile: string;
  lab: Lab;
  /** The exercise's task in `lang`. */
  task: string;
  lang: Lang;
  /** Repeat `--lang` in the probelab commands shown: the student's locale alone would choose another language. */
  repeatLang: boolean;
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
  const say = exerciseMessagesFor(started.lang);
  const target = lab.spec.verify!.target;
  const kind = targetKind(target).toLowerCase();
  const name = targetName(target);
  const n = `-n ${namespace}`;
  const lang = started.repeatLang ? ` --lang ${started.lang}` : '';
  const change =
    kind === 'pod'
      ? [`  kubectl get pod ${name} ${n} -o yaml > ${name}.yaml`, `  ${say.editPod(`${name}.yaml`)}`, `  kubectl replace --force -f ${name}.yaml`]
      : [`  kubectl edit deployment ${name} ${n}`, `  ${say.rollout}`, `  kubectl rollout status deployment/${name} ${n}`];
  return [
    say.where(lab.metadata.name, namespace, started.context, started.created),
    say.applied(started.label, `kubectl apply --server-side ${n} ${started.manifestFiles.map((file) => `-f ${file}`).join(' ')}`),
    ...started.applied.map((object) => `  ${object.kind}/${object.name}`),
    '',
    say.task,
    ...started.task.trimEnd().replaceAll('<namespace>', namespace).split('\n').map((line) => `  ${line}`.trimEnd()),
    '',
    say.look,
    `  kubectl get ${kind === 'pod' ? 'pods' : 'deployments,pods'} ${n}`,
    `  kubectl describe ${kind} ${name} ${n}`,
    say.change,
    ...change,
    say.check,
    `  probelab exercise check ${labFile} ${n} --watch${lang}`,
    started.created ? say.finishNamespace(namespace) : say.finishLabelled(started.label),
    `  probelab exercise finish ${labFile} ${n}${lang}`,
  ];
}
