// What `probelab exercise start` and `finish` say in their own words, in English and Korean. The
// kubectl and probelab commands they show stay as typed, and so do kinds, names and labels.

import type { Lang } from './lang.js';

const en = {
  where: (lab: string, namespace: string, context: string, created: boolean) =>
    `exercise ${lab} in namespace ${namespace} (context ${context})${created ? ', created for it' : ''}`,
  applied: (label: string, command: string) => `applied, each object labelled ${label} (as ${command} would, plus the label):`,
  task: 'Your task',
  look: 'Look at it',
  change: 'Change it',
  editPod: (file: string) => `# edit ${file}; a pod's containers cannot change in place, so replace the pod:`,
  rollout: '# a changed pod template rolls out new pods; wait for them with',
  check: 'Check it: a ✔ or ✘ for each check; with --watch every change re-grades it at once',
  finishNamespace: (namespace: string) => `Finish: deletes what this start created (the namespace ${namespace})`,
  finishLabelled: (label: string) => `Finish: deletes what this start created (the objects labelled ${label})`,
  deletingNamespace: (namespace: string, lab: string) => `deleting namespace ${namespace}: exercise start created it for ${lab} (kubectl delete namespace ${namespace})`,
  namespaceDeleted: (namespace: string) => `✔ namespace ${namespace} deleted, with everything in it`,
  namespaceTerminating: (namespace: string, seconds: number) => `… namespace ${namespace} is still terminating after ${String(seconds)} s; the namespace controller will finish it`,
  deletingLabelled: (label: string, namespace: string, command: string) => `deleting the objects labelled ${label} in namespace ${namespace} (${command})`,
  deleted: (object: string) => `✔ deleted ${object}`,
  nothingLabelled: 'nothing carries the label: nothing deleted',
  leftAlone: (object: string, label: string, command: string) => `left alone: ${object} has no ${label} label (it was created after start); delete it with ${command}`,
};

export type ExerciseMessages = typeof en;

const ko: ExerciseMessages = {
  where: (lab, namespace, context, created) => `연습 문제 ${lab}: 네임스페이스 ${namespace} (컨텍스트 ${context})${created ? ', 이 연습 문제를 위해 만듦' : ''}`,
  applied: (label, command) => `적용한 오브젝트, 모두 ${label} 레이블을 붙임 (${command} 명령과 같고, 레이블만 더함):`,
  task: '과제',
  look: '살펴보기',
  change: '고치기',
  editPod: (file) => `# ${file} 파일을 고치세요. 실행 중인 파드의 컨테이너는 바꿀 수 없으니 파드를 교체합니다:`,
  rollout: '# 파드 템플릿이 바뀌면 새 파드가 롤아웃됩니다. 새 파드를 기다리려면:',
  check: '채점하기: 채점 항목마다 ✔ 또는 ✘. --watch를 붙이면 무언가 바뀔 때마다 바로 다시 채점합니다',
  finishNamespace: (namespace) => `끝내기: 이 start가 만든 것을 지웁니다 (네임스페이스 ${namespace})`,
  finishLabelled: (label) => `끝내기: 이 start가 만든 것을 지웁니다 (${label} 레이블이 붙은 오브젝트)`,
  deletingNamespace: (namespace, lab) => `네임스페이스 ${namespace} 삭제 중: exercise start가 ${lab} 연습 문제를 위해 만든 네임스페이스입니다 (kubectl delete namespace ${namespace})`,
  namespaceDeleted: (namespace) => `✔ 네임스페이스 ${namespace} 삭제함 (안에 있던 것도 모두)`,
  namespaceTerminating: (namespace, seconds) => `… 네임스페이스 ${namespace}: ${String(seconds)}초가 지나도 아직 종료 중입니다. 나머지는 네임스페이스 컨트롤러가 마무리합니다`,
  deletingLabelled: (label, namespace, command) => `네임스페이스 ${namespace}에서 ${label} 레이블이 붙은 오브젝트 삭제 중 (${command})`,
  deleted: (object) => `✔ ${object} 삭제함`,
  nothingLabelled: '레이블이 붙은 오브젝트가 없어 아무것도 지우지 않음',
  leftAlone: (object, label, command) => `남겨 둠: ${object}에는 ${label} 레이블이 없습니다(start 뒤에 만든 것입니다). 지우려면: ${command}`,
};

const CATALOGUE: Record<Lang, ExerciseMessages> = { en, ko };

export function exerciseMessagesFor(lang: Lang): ExerciseMessages {
  return CATALOGUE[lang];
}
