// The probe-timing oracle's explanations in Korean. The oracle builds each explanation from a
// small set of term texts (src/probes: probe-runs, stop, backoff, oracle); each has a pattern
// here, and seconds ("5s", "11s – 16s") become "5초", "11–16초". A term without a pattern stays
// in English rather than be guessed at: test/i18n/explanation-ko.test.ts holds every window the
// catalogue's labs and recordings produce to a full translation.

const S = '(\\d+(?:\\.\\d+)?)s';

/** Whole phrases first; the seconds that remain are converted last. */
const PHRASES: [RegExp, string][] = [
  [new RegExp(`(\\d+) failures? × ${S} period`, 'g'), '실패 $1번 × 주기 $2s'],
  [new RegExp(`(\\d+) success(?:es)? × ${S} period`, 'g'), '성공 $1번 × 주기 $2s'],
  [new RegExp(`\\+${S} timeout`, 'g'), '+타임아웃 $1s'],
  [/sooner when a pod sync runs the readiness probe at once \(UpdatePodStatus\)/g, '파드 동기화가 준비성 프로브를 곧바로 실행하면 더 이름(UpdatePodStatus)'],
  [/no readiness probe: ready in the first status after the start \(PLEG relist, startedAt cut to the second\)/g, '준비성 프로브 없음: 시작 뒤 첫 상태 보고에서 준비됨(PLEG relist, startedAt은 초 단위로 잘림)'],
  [/kubelet sees the container running \(PLEG relist, startedAt cut to the second\)/g, 'kubelet이 컨테이너 실행을 알아챔(PLEG relist, startedAt은 초 단위로 잘림)'],
  [/started \(startup probe\) after /g, '스타트업 프로브로 시작 확인까지 '],
  [/readiness may run after /g, '준비성 프로브 실행 가능까지 '],
  [/killed after /g, 'kill까지 '],
  [new RegExp(`\\+≤${S} until the kubelet reports it terminated \\(PLEG relist\\)`, 'g'), 'kubelet이 종료를 보고하기까지 +≤$1s(PLEG relist)'],
  [new RegExp(`\\+≤${S} until the kubelet reports the new container \\(PLEG relist\\)`, 'g'), 'kubelet이 새 컨테이너를 보고하기까지 +≤$1s(PLEG relist)'],
  [new RegExp(`\\+≤${S} until the kubelet reports the containers stopped`, 'g'), 'kubelet이 컨테이너 중지를 보고하기까지 +≤$1s'],
  [new RegExp(`\\+≤${S} until the pod worker has torn the pod down and writes the phase`, 'g'), '파드 워커가 파드를 정리하고 phase를 쓰기까지 +≤$1s'],
  [/the image entrypoint as PID 1 exits on SIGTERM/g, 'PID 1(이미지의 엔트리포인트)은 SIGTERM을 받으면 끝남'],
  [/the shell script traps SIGTERM or execs its program/g, '셸 스크립트가 SIGTERM을 trap하거나 프로그램을 exec함'],
  [/a stopped process cannot act on SIGTERM/g, '멈춘 프로세스는 SIGTERM에 반응하지 못함'],
  [/(\S+) as PID 1 exits on SIGTERM/g, 'PID 1($1)은 SIGTERM을 받으면 끝남'],
  [/(\S+) as PID 1 ignores SIGTERM/g, 'PID 1($1)은 SIGTERM을 무시함'],
  [/PID 1 exits on SIGTERM/g, 'PID 1은 SIGTERM을 받으면 끝남'],
  [/PID 1 ignores SIGTERM/g, 'PID 1은 SIGTERM을 무시함'],
  [/PID 1 may ignore SIGTERM/g, 'PID 1이 SIGTERM을 무시할 수 있음'],
  [/: stops at once/g, ': 곧바로 멈춤'],
  [new RegExp(`: SIGKILL after the ${S} grace period`, 'g'), ': 유예 기간 $1s 뒤 SIGKILL'],
  [new RegExp(`: up to the ${S} grace period`, 'g'), ': 최대 유예 기간 $1s'],
  [new RegExp(`preStop hook, up to the ${S} grace period`, 'g'), 'preStop 훅, 최대 유예 기간 $1s'],
  [/first restart: no back-off/g, '첫 재시작: 백오프 없음'],
  [/second restart: back-off entry created, not waited/g, '두 번째 재시작: 백오프 기록만 생기고 기다리지 않음'],
  [/previous container ran over 10 min: back-off reset, no wait/g, '이전 컨테이너가 10분 넘게 실행됨: 백오프 초기화, 기다리지 않음'],
  [new RegExp(`the stop outlasts the ${S} back-off: restarts at once`, 'g'), '멈추는 데 백오프 $1s보다 오래 걸림: 곧바로 재시작'],
  [
    new RegExp(`previous container died ${S} before the kill, the ${S} back-off is over by the start: restarts at once`, 'g'),
    '이전 컨테이너가 kill $1s 전에 끝나 시작할 때는 백오프 $2s가 지남: 곧바로 재시작',
  ],
  [
    new RegExp(`restarts at once, or after a CrashLoopBackOff of up to ${S} \\(\\+≤${S} retry\\) when the previous container died less than ${S} earlier`, 'g'),
    '곧바로 재시작, 이전 컨테이너가 $3s 안에 끝났다면 최대 $1s의 CrashLoopBackOff 뒤(+≤$2s 재시도)',
  ],
  [new RegExp(`waits out the ${S} CrashLoopBackOff \\(\\+≤${S} retry\\)`, 'g'), 'CrashLoopBackOff $1s를 기다림(+≤$2s 재시도)'],
  [/container (\S+) is the slowest/g, '가장 느린 컨테이너는 $1'],
  [new RegExp(`from the first sign \\(([^)]+)\\), itself ${S} – ${S} after the move`, 'g'), '첫 징후($1)부터 셈, 첫 징후는 동작 뒤 $2s – $3s'],
  [/Ready also waits for the readiness gates, set from outside the kubelet/g, 'Ready는 kubelet 밖에서 설정하는 readiness gate도 기다림'],
];

const SECONDS: [RegExp, string][] = [
  [new RegExp(`${S} – ${S}`, 'g'), '$1–$2초'],
  [new RegExp(`(?<![\\w.])${S}(?![\\w])`, 'g'), '$1초'],
];

export function explanationInKorean(text: string): string {
  return [...PHRASES, ...SECONDS].reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
