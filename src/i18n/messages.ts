// The live view's own words (headings, keys, step states, outcomes, the help screen, the
// connecting words of expectation labels and action lines, predicted windows) in English and
// Korean. kubectl's words stay as kubectl prints them in either language (READY, STATUS, Running,
// the table headers), as the tutorials show them; so do durations ("5.6s"). A predicted window
// reads as a sentence, in seconds of the reader's language ("6–10초"), as the labs' texts write them.
// Hands-on mode's words say what the learner runs and what probelab noticed of it; a hint is built
// from values (what each pod shows, the command), so it reads the same in the reports' English.

import { ENGLISH_EXPECTATION_WORDS } from '../expect/predicates.js';
import { ENGLISH_ACTION_WORDS, type ActionPlace } from '../report/describe.js';
import type { ActionObservation } from '../model/observation.js';
import type { WindowAnchor, WindowRelation } from '../report/windows.js';
import type { LabOutcome } from '../runner/events.js';
import type { ArmedBy, ElsewhereHint, Hint, UnchangedHint } from '../runner/hands-on.js';
import { explanationInKorean } from './explanation-ko.js';
import type { Lang } from './lang.js';

/** What the window of an item says: seconds as windowSeconds() writes them ("8.7", "6"). */
export interface WindowWords {
  /** "6–10 s". */
  range(from: string, to: string): string;
  /** What the window counts from, e.g. "`rm /tmp/healthy`", "the SIGUSR1 signal", "the delete in step 2". */
  anchor(anchor: WindowAnchor): string;
  /** While awaited. */
  expected(range: string, anchor: string, explanation: string): string;
  /** Once met; with `anchor`, the line log's form, which names it. */
  seen(seconds: string, range: string, relation: WindowRelation, anchor?: string): string;
  /** Met before the step's actions were done. */
  seenDuringActions(range: string): string;
  /** Met, with a window from a container start (not timed here); `seconds` into the step, when after its start. */
  seenFromStart(seconds: string | undefined, range: string): string;
  /** The oracle's explanation (English terms) in this language. */
  explanation(text: string): string;
}

/** The words for what a window counts from, one language each. */
interface AnchorWords {
  stepStart: string;
  containerStart: string;
  /** What started a hands-on step's clock. */
  learner: Record<ArmedBy, string>;
  action: Record<Exclude<ActionObservation['action'], 'exec' | 'signal'>, string>;
  exec(command: string): string;
  signal(signal: string): string;
  /** An earlier step's action. */
  inStep(what: string, step: number): string;
}

function anchorText(words: AnchorWords): (anchor: WindowAnchor) => string {
  return (anchor) => {
    if (anchor.kind === 'stepStart' || anchor.kind === 'containerStart') return words[anchor.kind];
    const what = anchor.kind === 'learner' ? words.learner[anchor.by] : actionAnchor(anchor.action, words);
    return anchor.step === undefined ? what : words.inStep(what, anchor.step + 1);
  };
}

function actionAnchor(action: ActionObservation, words: AnchorWords): string {
  return action.action === 'exec' ? words.exec((action.command ?? []).join(' ')) : action.action === 'signal' ? words.signal(action.command?.[2] ?? '') : words.action[action.action];
}

const windowEn: WindowWords = {
  range: (from, to) => (from === to ? `${to} s` : `${from}–${to} s`),
  anchor: anchorText({
    stepStart: 'the step began',
    containerStart: 'the container starts',
    learner: { sign: 'the first sign', timeout: 'the end of the wait', nothing: 'your turn' },
    action: { patchStatus: 'the status patch', delete: 'the delete', scale: 'the scale', apply: 'the apply', sleep: 'the sleep' },
    exec: (command) => `\`${command}\``,
    signal: (signal) => `the ${signal} signal`,
    inStep: (what, step) => `${what} in step ${step}`,
  }),
  expected: (range, anchor, explanation) => `expected ${range} after ${anchor}: ${explanation}`,
  seen: (seconds, range, relation, anchor) => {
    const predicted = anchor === undefined ? range : `${range} after ${anchor}`;
    const than = { early: `sooner than the predicted ${predicted}`, within: `predicted ${predicted}`, late: `later than the predicted ${predicted}` }[relation];
    return `seen at ${seconds} s, ${than}`;
  },
  seenDuringActions: (range) => `seen before the actions were done, sooner than the predicted ${range}`,
  seenFromStart: (seconds, range) => `${seconds === undefined ? '' : `seen ${seconds} s into the step, `}predicted ${range} after the container starts`,
  explanation: (text) => text,
};

const windowKo: WindowWords = {
  range: (from, to) => (from === to ? `${to}초` : `${from}–${to}초`),
  anchor: anchorText({
    stepStart: '단계 시작',
    containerStart: '컨테이너 시작',
    learner: { sign: '첫 징후', timeout: '기다림이 끝난 때', nothing: '차례가 온 때' },
    action: { patchStatus: '상태 패치', delete: '삭제', scale: '스케일 조정', apply: 'apply', sleep: '대기' },
    exec: (command) => `\`${command}\``,
    signal: (signal) => `${signal} 신호`,
    inStep: (what, step) => `${step}단계의 ${what}`,
  }),
  expected: (range, anchor, explanation) => `${anchor} 뒤 ${range} 예상: ${explanation}`,
  seen: (seconds, range, relation, anchor) => {
    const seen = `${anchor === undefined ? '' : `${anchor} 뒤 `}${seconds}초에 확인`;
    return { early: `${seen}, 예상(${range})보다 이름`, within: `${seen}, 예상 ${range}`, late: `${seen}, 예상(${range})보다 늦음` }[relation];
  },
  seenDuringActions: (range) => `동작이 끝나기 전에 이미 확인, 예상(${range})보다 이름`,
  seenFromStart: (seconds, range) => `${seconds === undefined ? '' : `단계 시작 ${seconds}초 뒤 확인, `}예상: 컨테이너 시작 뒤 ${range}`,
  explanation: explanationInKorean,
};

const en = {
  heading: { steps: 'Steps', pods: 'Pods', endpoints: 'Endpoints', events: 'Events', probes: 'Probes', whatHappened: 'What happened', keys: 'Keys' },
  intro: {
    title: (lab: string) => `Before you start: ${lab}`,
    prompt: 'Press Enter to start the lab, q to quit.',
    promptHandsOnKey: 'Press Enter to start the lab, h to run its commands yourself (hands-on), q to quit.',
    promptHandsOn: 'Press Enter to start the lab hands-on: you run its commands yourself. q quits.',
    scroll: '↑↓ scroll',
  },
  step: {
    acting: 'acting',
    yourTurn: 'your turn',
    left: (duration: string) => `${duration} left`,
    passed: 'passed',
    passedIn: (duration: string) => `passed in ${duration}`,
    failed: 'failed',
    failedAfter: (duration: string) => `failed after ${duration}`,
    notRun: 'not run',
    never: 'never:',
    now: (value: string) => `(now: ${value})`,
  },
  expectation: ENGLISH_EXPECTATION_WORDS,
  action: ENGLISH_ACTION_WORDS,
  window: windowEn,
  outcome: {
    label: { passed: 'PASSED', failed: 'FAILED', interrupted: 'INTERRUPTED', error: 'ERROR' } satisfies Record<LabOutcome, string>,
    atStep: (step: string) => ` at step "${step}"`,
    took: (duration: string) => ` in ${duration}`,
    deleted: (namespace: string, duration: string) => `namespace ${namespace} deleted (${duration})`,
    kept: (namespace: string) => `namespace ${namespace} kept (delete it with: kubectl delete namespace ${namespace})`,
    keptObjects: (namespace: string, command: string) => `objects kept in ${namespace} (delete them with: ${command})`,
    appliedDeleted: (namespace: string, deleted: string[], duration: string) =>
      deleted.length > 0 ? `deleted ${deleted.join(', ')} from namespace ${namespace} (${duration}, the namespace stays)` : `nothing to delete in namespace ${namespace} (the namespace stays)`,
    appliedLeft: (command: string) => `; delete what is left with: ${command}`,
    terminating: (namespace: string, duration: string) => `namespace ${namespace} still terminating after ${duration}`,
    clipped: '… (a taller terminal shows the rest)',
  },
  pods: {
    none: 'no pods yet',
    more: (count: number) => `… ${count} more (↑↓)`,
    position: (first: number, last: number, total: number) => `… ${first}–${last} of ${total} (↑↓ PgUp PgDn)`,
    filter: 'filter',
    matching: (shown: number, total: number) => `${shown} of ${total} pods`,
    invalid: 'not a valid regular expression: no pod hidden',
    editing: 'Enter keeps it, Esc clears it',
    kept: '/ changes it, Esc clears it',
    noMatch: 'no pod matches the filter',
  },
  endpoints: { ready: 'ready', notReady: 'not ready', terminating: 'terminating', none: 'no backends', count: (count: number, group: string) => `${count} ${group}` },
  events: {
    all: (count: number) => `all ${count}`,
    last: (count: number, total: number) => `last ${count} of ${total}`,
    toggle: (all: boolean) => `e: ${all ? 'recent' : 'all'}`,
  },
  logs: {
    title: (pod: string) => `Logs of ${pod}`,
    loading: 'loading…',
    empty: '(no output)',
    unavailable: 'logs are not available in this view',
    notRecorded: 'logs are not in the recording',
  },
  watch: {
    ok: 'watch ok',
    connecting: 'watch connecting',
    reconnecting: (resources: string, attempt: number) => `watch reconnecting (${resources}, attempt ${attempt})`,
  },
  commands: {
    title: 'kubectl commands',
    hint: '↑↓ choose · c or Enter copy · Esc close',
    none: 'No action has run yet: each step that acts adds its commands here.',
    step: (number: number, name: string) => `step ${number}  ${name}`,
    copied: (number: number) => `Copied the command of step ${number} to the clipboard (OSC 52). A terminal without OSC 52 ignores it: select the lines with the mouse.`,
  },
  footer: {
    quit: 'q quit',
    exit: 'q exit',
    select: '↑↓ select',
    filter: '/ filter',
    logs: 'l logs',
    events: 'e events',
    commands: 'c kubectl',
    extend: 'w +1 min',
    help: '? help',
    stopping: 'stopping: cleaning up the namespace…',
    play: 'space play',
    pause: 'space pause',
    replay: 'space replay',
    seek: (seconds: number) => `←→ ${seconds}s`,
    step: 'n/p step',
    speed: '+/- speed',
  },
  help: {
    quit: 'quit (stops the run and cleans up its namespace)',
    help: 'show or hide this help',
    select: 'select a pod',
    page: 'a page of pods up / down (Home, End: the first, the last)',
    filter: 'filter the pods: text, or a /regular expression/ (Enter keeps it, Esc clears it)',
    logs: "show the selected pod's last log lines",
    events: 'all events / recent events',
    commands: 'the kubectl command behind each action (copies the latest)',
    extend: 'wait a minute longer for the first sign of your move (hands-on)',
    close: 'close this screen, or clear the filter',
    legend: 'A highlighted cell changed in the last 2 seconds.',
    watchQuit: 'stop watching (the watch only reads; nothing to clean up)',
    replayQuit: 'quit the replay',
    playPause: 'pause / play (from the start again once the replay has ended)',
    seek: (seconds: number) => `back / forward ${seconds} s of recorded time`,
    step: 'next step / back to the start of this step (or the one before)',
    speed: 'faster / slower',
  },
  handsOn: {
    title: 'Your turn',
    run: (count: number): string => (count === 1 ? 'Run this in another terminal:' : 'Run these in another terminal, in order:'),
    choice: (selector: string, pods: string) => `any running pod of ${selector} will do: ${pods}`,
    waiting: (left: string) => `Waiting for the first sign of your move (${left} left): the step's clock starts there, and its windows count from it.`,
    firstSign: (after: string, what: string, pod: string | undefined, alias: string | undefined) =>
      `clock started at the first sign, ${after} after your turn: ${what}${pod === undefined ? '' : ` on ${pod}`}${alias === undefined ? '' : ` (${alias})`}`,
    timedOut: (after: string) => `no sign of your move within ${after}: the clock started anyway`,
    provisional: (alias: string, pod: string) => `${alias} is taken to be ${pod}, the pod the command names`,
    nothing: "Nothing here for probelab to watch: read the command's output yourself. The step's clock started at once.",
    /** The hint in words; the reports follow it with the command, which the view shows above it. */
    hint: (hint: Hint) => (hint.kind === 'unchanged' ? unchangedEn(hint) : elsewhereEn(hint)),
  },
  demo: {
    noCluster: (problem: string) => `no cluster: ${problem}`,
    offer: (lab: string) => `play a recorded run of ${lab} instead? [Y/n] `,
    /** An answer that plays the demo (Enter alone does). */
    yes: /^(y|yes)?$/i,
  },
  replay: {
    of: 'replay of',
    playing: '▶ playing',
    paused: '❚❚ paused',
    ended: '■ ended',
    recorded: (time: string) => `recorded ${time} UTC`,
    judgedBy: (lab: string) => `judged by ${lab}`,
    notJudged: 'not judged: no lab',
  },
};

export type Messages = typeof en;

const ko: Messages = {
  heading: { steps: '단계', pods: '파드', endpoints: '엔드포인트', events: '이벤트', probes: '프로브', whatHappened: '무슨 일이 일어났나', keys: '키' },
  intro: {
    title: (lab) => `시작하기 전에: ${lab}`,
    prompt: 'Enter를 누르면 실습을 시작하고, q를 누르면 끝냅니다.',
    promptHandsOnKey: 'Enter를 누르면 실습을 시작하고, h를 누르면 명령을 직접 실행하며 진행하고(직접 해 보기), q를 누르면 끝냅니다.',
    promptHandsOn: 'Enter를 누르면 직접 해 보기로 실습을 시작합니다. 명령은 직접 실행합니다. q를 누르면 끝냅니다.',
    scroll: '↑↓ 스크롤',
  },
  step: {
    acting: '실행 중',
    yourTurn: '직접 할 차례',
    left: (duration) => `${duration} 남음`,
    passed: '통과',
    passedIn: (duration) => `${duration} 만에 통과`,
    failed: '실패',
    failedAfter: (duration) => `${duration} 뒤 실패`,
    notRun: '실행 안 함',
    never: '금지:',
    now: (value) => `(현재: ${value})`,
  },
  expectation: {
    pod: (pod, facts) => `파드 ${pod} ${facts}`,
    deployment: (deployment, facts) => `디플로이먼트 ${deployment} ${facts}`,
    endpoints: (service, facts) => `엔드포인트 ${service}: ${facts}`,
    event: (what, object, message) => `${object ? `${object}의 ` : ''}이벤트 ${what}${message ? ` "${message}"` : ''}`,
    phase: 'phase',
    lastState: '마지막 상태',
    terminated: '종료됨',
    exit: (code) => `종료 코드 ${code}`,
    gone: '사라짐',
    deploymentField: { replicas: '복제본', ready: '준비', available: '사용 가능', unavailable: '사용 불가' },
    endpointGroup: { ready: '준비됨', notReady: '준비 안 됨', terminating: '종료 중', absent: '없음' },
    and: ', ',
  },
  action: {
    exec: (command, place, code) => `exec ${command}${placeKo(place)}${exitKo(code)}`,
    signal: (signal, place, code) => `PID 1에 ${signal} 신호 보냄${placeKo(place)}${exitKo(code)}`,
    patchStatus: (pod, change) => `파드 ${pod} 상태 패치: ${'condition' in change ? `컨디션 ${change.condition.type}=${change.condition.status}` : `JSON 패치 (작업 ${change.operations}개)`}`,
    delete: (target, grace) => `${'pod' in target ? `파드 ${target.pod}` : target.object} 삭제${grace === undefined ? '' : ` (유예 기간 ${grace}s)`}`,
    scale: (deployment, replicas) => `디플로이먼트 ${deployment}: 복제본 ${replicas}개로 스케일`,
    sleep: (duration) => `${duration} 대기`,
    apply: (file, objects) => `${file} 적용${objects ? `: ${objects}` : ''}`,
  },
  window: windowKo,
  outcome: {
    label: { passed: '통과', failed: '실패', interrupted: '중단됨', error: '오류' },
    atStep: (step) => `: "${step}" 단계`,
    took: (duration) => ` (${duration})`,
    deleted: (namespace, duration) => `네임스페이스 ${namespace} 삭제됨 (${duration})`,
    kept: (namespace) => `네임스페이스 ${namespace} 남겨 둠 (지우려면: kubectl delete namespace ${namespace})`,
    keptObjects: (namespace, command) => `${namespace}의 오브젝트를 남겨 둠 (지우려면: ${command})`,
    appliedDeleted: (namespace, deleted, duration) =>
      deleted.length > 0 ? `네임스페이스 ${namespace}에서 ${deleted.join(', ')} 삭제함 (${duration}, 네임스페이스는 그대로)` : `네임스페이스 ${namespace}에서 지울 것이 없음 (네임스페이스는 그대로)`,
    appliedLeft: (command) => `; 남은 것은 이렇게 지우세요: ${command}`,
    terminating: (namespace, duration) => `네임스페이스 ${namespace}: ${duration} 뒤에도 아직 종료 중`,
    clipped: '… (터미널을 더 키우면 나머지가 보입니다)',
  },
  pods: {
    none: '아직 파드가 없습니다',
    more: (count) => `… ${count}개 더 (↑↓)`,
    position: (first, last, total) => `… ${total}개 중 ${first}–${last}번째 (↑↓ PgUp PgDn)`,
    filter: '필터',
    matching: (shown, total) => `파드 ${total}개 중 ${shown}개`,
    invalid: '올바른 정규식이 아니라서 아무것도 거르지 않습니다',
    editing: 'Enter 유지, Esc 해제',
    kept: '/ 수정, Esc 해제',
    noMatch: '필터에 맞는 파드가 없습니다',
  },
  endpoints: { ready: '준비됨', notReady: '준비 안 됨', terminating: '종료 중', none: '백엔드 없음', count: (count, group) => `${group} ${count}` },
  events: {
    all: (count) => `전체 ${count}개`,
    last: (count, total) => `${total}개 중 최근 ${count}개`,
    toggle: (all) => `e: ${all ? '최근만' : '전체'}`,
  },
  logs: {
    title: (pod) => `${pod} 로그`,
    loading: '불러오는 중…',
    empty: '(출력 없음)',
    unavailable: '이 화면에서는 로그를 볼 수 없습니다',
    notRecorded: '녹화에는 로그가 없습니다',
  },
  watch: {
    ok: 'watch 정상',
    connecting: 'watch 연결 중',
    reconnecting: (resources, attempt) => `watch 다시 연결 중 (${resources}, ${attempt}번째 시도)`,
  },
  commands: {
    title: 'kubectl 명령',
    hint: '↑↓ 고르기 · c 또는 Enter 복사 · Esc 닫기',
    none: '아직 실행한 동작이 없습니다. 동작이 있는 단계가 실행되면 여기에 명령이 쌓입니다.',
    step: (number, name) => `${number}단계  ${name}`,
    copied: (number) => `${number}단계의 명령을 클립보드에 복사했습니다(OSC 52). OSC 52를 지원하지 않는 터미널이라면 마우스로 줄을 선택해 복사하세요.`,
  },
  footer: {
    quit: 'q 종료',
    exit: 'q 나가기',
    select: '↑↓ 선택',
    filter: '/ 필터',
    logs: 'l 로그',
    events: 'e 이벤트',
    commands: 'c kubectl',
    extend: 'w +1분',
    help: '? 도움말',
    stopping: '멈추는 중: 네임스페이스를 정리하고 있습니다…',
    play: 'space 재생',
    pause: 'space 일시 정지',
    replay: 'space 다시 재생',
    seek: (seconds) => `←→ ${seconds}초`,
    step: 'n/p 단계',
    speed: '+/- 속도',
  },
  help: {
    quit: '끝내기 (실행을 멈추고 네임스페이스를 정리합니다)',
    help: '이 도움말 보이기 / 숨기기',
    select: '파드 선택',
    page: '파드 목록 한 화면 위로 / 아래로 (Home, End: 처음, 끝)',
    filter: '파드 필터: 문자열 또는 /정규식/ (Enter로 유지, Esc로 해제)',
    logs: '선택한 파드의 마지막 로그 보기',
    events: '전체 이벤트 / 최근 이벤트',
    commands: '각 동작에 해당하는 kubectl 명령 (가장 최근 명령을 복사)',
    extend: '여러분이 한 동작의 첫 징후를 1분 더 기다림 (직접 해 보기)',
    close: '이 화면 닫기, 또는 필터 해제',
    legend: '강조된 칸은 최근 2초 안에 바뀐 값입니다.',
    watchQuit: '보기 끝내기 (watch는 읽기만 하므로 정리할 것이 없습니다)',
    replayQuit: '재생 끝내기',
    playPause: '일시 정지 / 재생 (재생이 끝난 뒤에는 처음부터 다시)',
    seek: (seconds) => `녹화 시간 기준 ${seconds}초 뒤로 / 앞으로`,
    step: '다음 단계 / 이 단계의 처음으로 (또는 이전 단계로)',
    speed: '빠르게 / 느리게',
  },
  handsOn: {
    title: '직접 해 볼 차례',
    run: (count) => (count === 1 ? '다른 터미널에서 이 명령을 실행하세요:' : '다른 터미널에서 이 명령들을 차례로 실행하세요:'),
    choice: (selector, pods) => `${selector} 파드 중 실행 중인 것이면 어느 것이든 됩니다: ${pods}`,
    waiting: (left) => `여러분이 한 동작의 첫 징후를 기다립니다(${left} 남음). 단계의 시계는 그때 시작하고, 예상 시간도 그때부터 셉니다.`,
    firstSign: (after, what, pod, alias) => `첫 징후에서 시계 시작 (차례가 된 지 ${after} 뒤): ${pod === undefined ? '' : `${pod}의 `}${what}${alias === undefined ? '' : ` (${alias})`}`,
    timedOut: (after) => `${after} 동안 여러분이 한 동작의 징후가 없어 시계를 그냥 시작했습니다`,
    provisional: (alias, pod) => `${alias}는 명령에 적힌 파드 ${pod}로 봅니다`,
    nothing: '여기서는 probelab이 지켜볼 변화가 없습니다. 명령의 출력은 직접 확인하세요. 단계의 시계는 바로 시작했습니다.',
    hint: (hint) => (hint.kind === 'unchanged' ? unchangedKo(hint) : elsewhereKo(hint)),
  },
  demo: {
    noCluster: (problem) => `클러스터에 연결할 수 없습니다: ${problem}`,
    offer: (lab) => `대신 ${lab} 실습을 실제 클러스터에서 녹화한 실행으로 재생할까요? [Y/n] `,
    // A Korean keyboard layout types ㅛ for y.
    yes: /^(y|yes|ㅛ|예|네)?$/i,
  },
  replay: {
    of: '재생:',
    playing: '▶ 재생 중',
    paused: '❚❚ 일시 정지',
    ended: '■ 끝남',
    recorded: (time) => `녹화 시각 ${time} UTC`,
    judgedBy: (lab) => `${lab} 실습으로 판정`,
    notJudged: '판정 안 함: 실습 없음',
  },
};

/** Every candidate shows the same value: said once for all of them. */
function sameSeen(hint: UnchangedHint): string | undefined {
  const values = new Set(hint.seen.map((entry) => entry.seen));
  return values.size === 1 ? hint.seen[0]!.seen : undefined;
}

function unchangedEn(hint: UnchangedHint): string {
  const { seen, selector, action } = hint;
  if (seen.length === 0) return `No sign of your move, and no pod${selector ? ` of ${selector}` : ''} runs to do \`${action}\` in.`;
  const same = sameSeen(hint);
  const many = seen.length > 1;
  const pod = seen[0]!.pod;
  const where = same === undefined ? seen.map((entry) => `${entry.seen} in ${entry.pod}`).join(', ') : `still ${same}${many ? ` in every pod of ${selector ?? seen.map((entry) => entry.pod).join(', ')}` : pod ? ` in ${pod}` : ''}`;
  const question = many ? `Did you run \`${action}\` in one of them?` : pod ? `Did you run \`${action}\` in it?` : `Did you run \`${action}\`?`;
  return `No sign of your move: ${where}. ${question}`;
}

function elsewhereEn({ what, pod, candidates, selector, action }: ElsewhereHint): string {
  const target = candidates.length > 1 && selector ? `one of the pods of ${selector}` : (candidates[0] ?? 'the pod the command names');
  return `${what} on ${pod}, which this step does not act on: run \`${action}\` in ${target}.`;
}

function unchangedKo(hint: UnchangedHint): string {
  const { seen, selector, action } = hint;
  if (seen.length === 0) return `여러분이 한 동작의 징후가 없고, \`${action}\` 명령을 실행할 ${selector ? `${selector} ` : ''}파드도 실행 중이 아닙니다.`;
  const same = sameSeen(hint);
  const many = seen.length > 1;
  const pod = seen[0]!.pod;
  const where =
    same === undefined
      ? seen.map((entry) => `${entry.pod} 파드는 ${entry.seen}`).join(', ')
      : `${many ? `${selector ?? seen.map((entry) => entry.pod).join(', ')} 파드 모두 ` : pod ? `${pod} 파드는 ` : ''}여전히 ${same}입니다`;
  const question = many ? `그중 한 파드에서 \`${action}\` 명령을 실행했나요?` : pod ? `그 파드에서 \`${action}\` 명령을 실행했나요?` : `\`${action}\` 명령을 실행했나요?`;
  return `여러분이 한 동작의 징후가 없습니다. ${where}. ${question}`;
}

function elsewhereKo({ what, pod, candidates, selector, action }: ElsewhereHint): string {
  const target = candidates.length > 1 && selector ? `${selector} 파드 중 하나` : `${candidates[0] ?? '명령에 적힌'} 파드`;
  return `${pod} 파드에 ${what} 징후가 보이지만, 이 단계가 다루는 파드가 아닙니다. ${target}에서 \`${action}\` 명령을 실행하세요.`;
}

function placeKo(place: ActionPlace | undefined): string {
  return place ? ` (파드 ${place.pod}${place.container ? `, 컨테이너 ${place.container}` : ''})` : '';
}

function exitKo(code: number | undefined): string {
  return code === undefined ? '' : ` (종료 코드 ${code})`;
}

const CATALOGUE: Record<Lang, Messages> = { en, ko };

export function messagesFor(lang: Lang): Messages {
  return CATALOGUE[lang];
}
