// probelab exercise start | check | finish through main(). No cluster is reachable here:
// createCluster hands out test doubles of the Cluster port (an object store for start and finish,
// recorded namespaces for check), except in the guard test, which goes through the real
// createCluster with a kubeconfig whose context does not look disposable.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT, UserError } from '../../src/exit-codes.js';
import type { Lang } from '../../src/i18n/lang.js';
import { main } from '../../src/main.js';
import type { KubeObject } from '../../src/model/kube.js';
import { serializeRecording } from '../../src/recording/format.js';
import { stripAnsi } from '../ui/render-at.js';
import { fakeTerminal } from '../ui/fake-terminal.js';
import { FakeClock } from '../replay/fake-clock.js';
import { repoRoot } from '../support/fixtures.js';
import { examClass } from '../verify/support.js';
import { examStudent } from '../verify/student-streams.js';
import { cellWidth } from '../../src/ui/text.js';
import { captureIo } from './io.js';
import { ObjectStoreCluster } from './object-store-cluster.js';

const connected = vi.hoisted(() => ({ cluster: undefined as unknown, options: [] as { guard?: boolean; context?: string }[], real: false }));
vi.mock('../../src/cluster/cluster.js', async (importActual) => {
  const actual = await importActual<typeof import('../../src/cluster/cluster.js')>();
  return {
    ...actual,
    createCluster: async (options: { guard?: boolean }) => {
      connected.options.push(options);
      return connected.real ? actual.createCluster(options as never) : connected.cluster;
    },
  };
});

const exam = `${repoRoot}labs/liveness-exam.yaml`;
const readinessExec = `${repoRoot}labs/readiness-exec.yaml`;
const LABEL = 'probelab.dev/exercise';

let store: ObjectStoreCluster;
beforeEach(() => {
  store = new ObjectStoreCluster();
  connected.cluster = store;
  connected.options = [];
  connected.real = false;
});

describe('probelab exercise start', () => {
  it('creates the namespace, applies the start manifests labelled with the exercise, and prints the task and the kubectl to work on it', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['exercise', 'start', 'labs/liveness-exam.yaml', '-n', 'student-07', '--context', 'kind-class'], io)).toBe(EXIT.ok);
    expect(connected.options).toEqual([expect.objectContaining({ context: 'kind-class', guard: true })]);
    expect(store.writes).toEqual(['apply (cluster) Namespace/student-07', 'apply student-07 Pod/liveness-exam']);
    expect(store.namespaces.get('student-07')!.metadata.labels).toEqual({ [LABEL]: 'liveness-exam' });
    const pod = store.objects.get('student-07')![0]!;
    expect(pod.metadata.labels).toEqual({ [LABEL]: 'liveness-exam' });
    // The manifest as written otherwise: no probe, which is the student's job.
    expect((pod as unknown as { spec: { containers: { livenessProbe?: unknown }[] } }).spec.containers[0]!.livenessProbe).toBeUndefined();
    expect(io.stdout.slice(0, 4)).toEqual([
      'exercise liveness-exam in namespace student-07 (context kind-class), created for it',
      `applied, each object labelled ${LABEL}=liveness-exam (as kubectl apply --server-side -n student-07 -f manifests/liveness-exam-start.yaml would, plus the label):`,
      '  Pod/liveness-exam',
      '',
    ]);
    const text = io.stdout.join('\n');
    expect(text).toContain('Your task\n  The pod `liveness-exam` deletes `/tmp/healthy` 30 s after it starts');
    expect(text).toContain('  kubectl get pod liveness-exam -n student-07 -o yaml > liveness-exam.yaml');
    expect(text).toContain('  kubectl replace --force -f liveness-exam.yaml');
    expect(text).toContain('  probelab exercise check labs/liveness-exam.yaml -n student-07 --watch');
    expect(io.stdout.at(-2)).toBe('Finish: deletes what this start created (the namespace student-07)');
    expect(io.stdout.at(-1)).toBe('  probelab exercise finish labs/liveness-exam.yaml -n student-07');
  });

  it('into an existing namespace: applies the objects only, and tells a Deployment exercise to edit and roll out; <namespace> in the task is filled in', async () => {
    store.addNamespace('team-a', { owner: 'alice' });
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['exercise', 'start', `${repoRoot}labs/liveness-endpoints.yaml`, '-n', 'team-a'], io)).toBe(EXIT.ok);
    expect(store.writes).toEqual(['apply team-a ConfigMap/liveness-web', 'apply team-a Deployment/liveness-web', 'apply team-a Service/liveness-web']);
    expect(store.namespaces.get('team-a')!.metadata.labels).toEqual({ owner: 'alice' });
    expect(store.objects.get('team-a')!.every((o) => o.metadata.labels?.[LABEL] === 'liveness-endpoints')).toBe(true);
    expect(io.stdout[0]).toBe('exercise liveness-endpoints in namespace team-a (context kind-class)');
    const text = io.stdout.join('\n');
    expect(text).toContain('kubectl exec -n team-a deploy/liveness-web -- wget -q -O - http://127.0.0.1:3000/break');
    expect(text).toContain('  kubectl edit deployment liveness-web -n team-a');
    expect(text).toContain('  kubectl rollout status deployment/liveness-web -n team-a');
    expect(text).toContain(`Finish: deletes what this start created (the objects labelled ${LABEL}=liveness-endpoints)`);
  });

  it('without -n: a new probelab-<lab>-xxxxx namespace, created for it', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['exercise', 'start', readinessExec], io)).toBe(EXIT.ok);
    const [namespace] = [...store.namespaces.keys()];
    expect(namespace).toMatch(/^probelab-readiness-exec-[a-z0-9]{5}$/);
    expect(io.stdout[0]).toBe(`exercise readiness-exec in namespace ${namespace!} (context kind-class), created for it`);
  });

  const EXAM_GUIDE_EN = [
    'exercise liveness-exam in namespace student-07 (context kind-class), created for it',
    `applied, each object labelled ${LABEL}=liveness-exam (as kubectl apply --server-side -n student-07 -f manifests/liveness-exam-start.yaml would, plus the label):`,
    '  Pod/liveness-exam',
    '',
    'Your task',
    '  The pod `liveness-exam` deletes `/tmp/healthy` 30 s after it starts and then only sleeps:',
    '  it looks alive but is broken. Add a liveness probe to its container so that the kubelet',
    '  restarts it: exec `ls /tmp/healthy`, the first probe 10 s after the container starts, then',
    '  every 5 s; one success counts as healthy, two failures in a row mean restart.',
    "  A pod's probes cannot be changed in place, so replace the pod. The last checks pass once",
    '  the kubelet has restarted it, about 75 s after the new pod starts.',
    '',
    'Look at it',
    '  kubectl get pods -n student-07',
    '  kubectl describe pod liveness-exam -n student-07',
    'Change it',
    '  kubectl get pod liveness-exam -n student-07 -o yaml > liveness-exam.yaml',
    "  # edit liveness-exam.yaml; a pod's containers cannot change in place, so replace the pod:",
    '  kubectl replace --force -f liveness-exam.yaml',
    'Check it: a ✔ or ✘ for each check; with --watch every change re-grades it at once',
    '  probelab exercise check labs/liveness-exam.yaml -n student-07 --watch',
    'Finish: deletes what this start created (the namespace student-07)',
    '  probelab exercise finish labs/liveness-exam.yaml -n student-07',
  ];

  it('in English without --lang or a Korean locale, line for line', async () => {
    const io = captureIo({ cwd: repoRoot, env: { LANG: 'en_US.UTF-8' } });
    expect(await main(['exercise', 'start', 'labs/liveness-exam.yaml', '-n', 'student-07'], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual(EXAM_GUIDE_EN);
  });

  it('--lang en in a Korean locale: the same English, and the commands it shows keep --lang en', async () => {
    const io = captureIo({ cwd: repoRoot, env: { LANG: 'ko_KR.UTF-8' } });
    expect(await main(['exercise', 'start', 'labs/liveness-exam.yaml', '-n', 'student-07', '--lang', 'en'], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual(EXAM_GUIDE_EN.map((line) => (line.startsWith('  probelab exercise') ? `${line} --lang en` : line)));
  });

  it('--lang ko: the task and the guide in Korean, kubectl as typed, and the commands it shows keep --lang ko', async () => {
    const io = captureIo({ cwd: repoRoot });
    expect(await main(['exercise', 'start', 'labs/liveness-exam.yaml', '-n', 'student-07', '--lang', 'ko'], io)).toBe(EXIT.ok);
    expect(store.writes).toEqual(['apply (cluster) Namespace/student-07', 'apply student-07 Pod/liveness-exam']);
    expect(io.stdout.slice(0, 6)).toEqual([
      '연습 문제 liveness-exam: 네임스페이스 student-07 (컨텍스트 kind-class), 이 연습 문제를 위해 만듦',
      `적용한 오브젝트, 모두 ${LABEL}=liveness-exam 레이블을 붙임 (kubectl apply --server-side -n student-07 -f manifests/liveness-exam-start.yaml 명령과 같고, 레이블만 더함):`,
      '  Pod/liveness-exam',
      '',
      '과제',
      '  파드 `liveness-exam`은 시작 30초 뒤 `/tmp/healthy`를 지우고 그 뒤로는 잠만 잡니다. 살아 있는 것처럼',
    ]);
    expect(io.stdout.slice(-11)).toEqual([
      '살펴보기',
      '  kubectl get pods -n student-07',
      '  kubectl describe pod liveness-exam -n student-07',
      '고치기',
      '  kubectl get pod liveness-exam -n student-07 -o yaml > liveness-exam.yaml',
      '  # liveness-exam.yaml 파일을 고치세요. 실행 중인 파드의 컨테이너는 바꿀 수 없으니 파드를 교체합니다:',
      '  kubectl replace --force -f liveness-exam.yaml',
      '채점하기: 채점 항목마다 ✔ 또는 ✘. --watch를 붙이면 무언가 바뀔 때마다 바로 다시 채점합니다',
      '  probelab exercise check labs/liveness-exam.yaml -n student-07 --watch --lang ko',
      '끝내기: 이 start가 만든 것을 지웁니다 (네임스페이스 student-07)',
      '  probelab exercise finish labs/liveness-exam.yaml -n student-07 --lang ko',
    ]);
    expect(io.stdout.join('\n')).not.toContain('Your task');
  });

  it('LANG=ko_KR.UTF-8: Korean without the flag; a Deployment exercise gets the Korean rollout hint and its <namespace> filled in', async () => {
    store.addNamespace('team-a', {});
    const io = captureIo({ cwd: repoRoot, env: { LANG: 'ko_KR.UTF-8' } });
    expect(await main(['exercise', 'start', 'labs/liveness-endpoints.yaml', '-n', 'team-a'], io)).toBe(EXIT.ok);
    const text = io.stdout.join('\n');
    expect(io.stdout[0]).toBe('연습 문제 liveness-endpoints: 네임스페이스 team-a (컨텍스트 kind-class)');
    expect(text).toContain('과제\n  `liveness-web`의 파드 두 개가 서비스 `liveness-web` 뒤에서 트래픽을 받지만,');
    expect(text).toContain('  `kubectl exec -n team-a deploy/liveness-web -- wget -q -O - http://127.0.0.1:3000/break`');
    expect(text).toContain('  kubectl edit deployment liveness-web -n team-a\n  # 파드 템플릿이 바뀌면 새 파드가 롤아웃됩니다. 새 파드를 기다리려면:\n');
    expect(text).toContain(`끝내기: 이 start가 만든 것을 지웁니다 (${LABEL}=liveness-endpoints 레이블이 붙은 오브젝트)`);
    // The locale already says Korean: the commands shown need no flag.
    expect(io.stdout.at(-1)).toBe('  probelab exercise finish labs/liveness-endpoints.yaml -n team-a');
  });

  it('refuses --lang it has no texts for, before connecting (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['exercise', 'start', exam, '-n', 'student-07', '--lang', 'fr'], io)).toBe(EXIT.badInput);
    expect(io.stderr).toEqual(['probelab exercise: --lang: expected one of en, ko, got "fr"']);
    expect(connected.options).toEqual([]);
  });

  it('refuses a namespace that already holds the exercise, and changes nothing (exit 2)', async () => {
    store.addNamespace('student-07', {}, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'liveness-exam' } }]);
    const io = captureIo();
    expect(await main(['exercise', 'start', exam, '-n', 'student-07'], io)).toBe(EXIT.badInput);
    expect(io.stderr).toEqual([`probelab exercise: namespace student-07 already holds Pod/liveness-exam: start the exercise in another namespace, or finish it first (probelab exercise finish ${exam} -n student-07)`]);
    expect(store.writes).toEqual([]);
  });

  it('deletes the namespace it created when the start manifests cannot be applied, and says why (exit 3)', async () => {
    const apply = store.apply.bind(store);
    store.apply = async (namespace, manifests) => {
      if (namespace === '') return apply(namespace, manifests);
      throw new UserError('apply Pod/liveness-exam: pods is forbidden: User "student" cannot patch resource "pods" (HTTP 403 Forbidden)', EXIT.cluster);
    };
    const io = captureIo();
    expect(await main(['exercise', 'start', exam, '-n', 'student-07'], io)).toBe(EXIT.cluster);
    expect(io.stderr).toEqual(['probelab exercise: apply Pod/liveness-exam: pods is forbidden: User "student" cannot patch resource "pods" (HTTP 403 Forbidden)']);
    expect(store.writes).toEqual(['apply (cluster) Namespace/student-07', 'delete namespace student-07']);
    expect(store.namespaces.has('student-07')).toBe(false);
  });

  it('refuses a lab without an exercise before connecting', async () => {
    const io = captureIo();
    expect(await main(['exercise', 'start', `${repoRoot}labs/liveness-nginx.yaml`], io)).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toContain('liveness-nginx.yaml has no exercise (spec.exercise: start, solution, task)');
    expect(connected.options).toEqual([]);
  });

  it('goes through the context guard: a context that does not look disposable is refused before any request (exit 3)', async () => {
    connected.real = true;
    const dir = mkdtempSync(path.join(tmpdir(), 'probelab-exercise-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: c, cluster: { server: "https://10.20.30.40:6443" } }]',
        'users: [{ name: u, user: { token: secret-token } }]',
        'contexts: [{ name: prod-eu, context: { cluster: c, user: u } }]',
        'current-context: prod-eu',
      ].join('\n'),
    );
    const io = captureIo({ env: { PROBELAB_CONFIG: path.join(dir, 'none.yaml') } });
    expect(await main(['exercise', 'start', exam, '-n', 'student-07', '--kubeconfig', kubeconfig], io)).toBe(EXIT.cluster);
    expect(io.stderr.join('\n')).toContain('prod-eu');
    expect(io.stderr.join('\n')).not.toContain('secret-token');
    expect(io.stdout).toEqual([]);
  });
});

describe('probelab exercise finish', () => {
  it('deletes the namespace start created for the exercise', async () => {
    await main(['exercise', 'start', exam, '-n', 'student-07'], captureIo());
    const io = captureIo();
    expect(await main(['exercise', 'finish', exam, '-n', 'student-07'], io)).toBe(EXIT.ok);
    expect(store.writes.at(-1)).toBe('delete namespace student-07');
    expect(io.stdout).toEqual(['deleting namespace student-07: exercise start created it for liveness-exam (kubectl delete namespace student-07)', '✔ namespace student-07 deleted, with everything in it']);
    expect(connected.options.map((o) => o.guard)).toEqual([true, true]);
  });

  it("in a namespace it did not create: deletes only the exercise's labelled objects, and names the exercise's objects made since", async () => {
    const other: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'their-own' } };
    store.addNamespace('team-a', {}, [other]);
    await main(['exercise', 'start', readinessExec, '-n', 'team-a'], captureIo());
    // The student replaced the Deployment with one of their own, without the label.
    const objects = store.objects.get('team-a')!;
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    deployment.metadata.labels = {};
    const io = captureIo();
    expect(await main(['exercise', 'finish', readinessExec, '-n', 'team-a'], io)).toBe(EXIT.ok);
    expect(store.writes.filter((w) => w.startsWith('delete'))).toEqual(['delete team-a Service/readiness-svc']);
    expect(store.objects.get('team-a')!.map((o) => `${o.kind!}/${o.metadata.name}`)).toEqual(['Pod/their-own', 'Deployment/readiness-deployment']);
    expect(io.stdout).toEqual([
      `deleting the objects labelled ${LABEL}=readiness-exec in namespace team-a (kubectl delete deployment,service -l ${LABEL}=readiness-exec -n team-a)`,
      '✔ deleted Service/readiness-svc',
      `left alone: Deployment/readiness-deployment has no ${LABEL}=readiness-exec label (it was created after start); delete it with kubectl delete deployment readiness-deployment -n team-a`,
    ]);
  });

  it('--lang ko: says what it deletes in Korean, with the kubectl behind it', async () => {
    await main(['exercise', 'start', exam, '-n', 'student-07'], captureIo());
    const io = captureIo();
    expect(await main(['exercise', 'finish', exam, '-n', 'student-07', '--lang', 'ko'], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual([
      '네임스페이스 student-07 삭제 중: exercise start가 liveness-exam 연습 문제를 위해 만든 네임스페이스입니다 (kubectl delete namespace student-07)',
      '✔ 네임스페이스 student-07 삭제함 (안에 있던 것도 모두)',
    ]);
    store.addNamespace('team-a', {});
    await main(['exercise', 'start', readinessExec, '-n', 'team-a'], captureIo());
    store.objects.get('team-a')!.find((o) => o.kind === 'Deployment')!.metadata.labels = {};
    const labelled = captureIo({ env: { LC_ALL: 'ko_KR.UTF-8' } });
    expect(await main(['exercise', 'finish', readinessExec, '-n', 'team-a'], labelled)).toBe(EXIT.ok);
    expect(labelled.stdout).toEqual([
      `네임스페이스 team-a에서 ${LABEL}=readiness-exec 레이블이 붙은 오브젝트 삭제 중 (kubectl delete deployment,service -l ${LABEL}=readiness-exec -n team-a)`,
      '✔ Service/readiness-svc 삭제함',
      `남겨 둠: Deployment/readiness-deployment에는 ${LABEL}=readiness-exec 레이블이 없습니다(start 뒤에 만든 것입니다). 지우려면: kubectl delete deployment readiness-deployment -n team-a`,
    ]);
  });

  it("leaves another exercise's namespace alone but for this exercise's objects", async () => {
    await main(['exercise', 'start', exam, '-n', 'student-07'], captureIo());
    const io = captureIo();
    expect(await main(['exercise', 'finish', readinessExec, '-n', 'student-07'], io)).toBe(EXIT.ok);
    expect(store.writes.filter((w) => w.startsWith('delete'))).toEqual([]);
    expect(io.stdout.at(-1)).toBe('nothing carries the label: nothing deleted');
  });

  it.each([
    [['exercise', 'finish', exam], 'name the exercise\'s namespace with -n'],
    [['exercise', 'finish', exam, '-n', 'nobody'], 'namespace nobody does not exist in context kind-class'],
    [['exercise', 'stop', exam], 'expected `probelab exercise start|check|finish <lab file> [-n NAMESPACE]`'],
    [['exercise', 'start', exam, '--watch'], '--watch, --replay and --speed belong to `exercise check`'],
    [['exercise', 'check', exam, '-n', 'a', '--speed', '4'], '--speed sets the pace of a --replay'],
  ])('refuses %j (exit 2)', async (argv, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toContain(message);
    expect(store.writes).toEqual([]);
  });
});

describe('probelab exercise check', () => {
  it('grades once as verify does, read-only (without the guard)', async () => {
    connected.cluster = await examClass();
    const io = captureIo();
    expect(await main(['exercise', 'check', exam, '-n', 'student-partly-wrong'], io)).toBe(EXIT.failed);
    expect(io.stdout[0]).toBe('liveness-exam in namespace student-partly-wrong (context kind-grading)');
    expect(io.stdout.at(-1)).toBe('score 8/9 (88%): 6 of 7 checks passed');
    expect(connected.options).toEqual([expect.objectContaining({ guard: false })]);
  });

  it('--lang ko: the checks by their Korean names, the columns lined up in terminal cells', async () => {
    connected.cluster = await examClass();
    const io = captureIo();
    expect(await main(['exercise', 'check', exam, '-n', 'student-partly-wrong', '--lang', 'ko'], io)).toBe(EXIT.failed);
    expect(io.stdout.slice(1)).toEqual([
      '   POINTS  CHECK                                   REASON',
      '✔  2/2     활성 프로브가 `ls /tmp/healthy`를 실행  livenessProbe uses exec; livenessProbe.exec.command is [ls, /tmp/healthy]',
      '✔  1/1     시작 10초 뒤 첫 프로브                  livenessProbe.initialDelaySeconds is 10',
      '✘  0/1     5초마다 프로브                          livenessProbe.periodSeconds is 10, expected 5',
      '✔  1/1     한 번 성공하면 정상                     livenessProbe.successThreshold is 1',
      '✔  1/1     두 번 실패하면 재시작                   livenessProbe.failureThreshold is 2',
      '✔  2/2     활성 프로브 실패로 kubelet이 재시작함   RESTARTS 1; Killing event: Container busybox-container failed liveness probe, will be restarted',
      '✔  1/1     프로브가 파일이 없다고 알림             Unhealthy event (x2): Liveness probe failed: ls: /tmp/healthy: No such file or directory',
      'score 8/9 (88%): 6 of 7 checks passed',
    ]);
    // Padded by cells, not characters: the longest name ends two cells before REASON.
    const [header, longest] = io.stdout.slice(1, 3);
    expect(cellWidth(longest!.slice(0, longest!.indexOf('livenessProbe')))).toBe(cellWidth(header!.slice(0, header!.indexOf('REASON'))));
  });

  /** Plays a replay a second at a time, letting each re-grade finish before the next second. */
  async function playSecondBySecond(clock: FakeClock, seconds: number): Promise<void> {
    for (let i = 0; i < seconds; i++) {
      clock.advance(1000);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('--replay through main: plays at --speed and ends when every check passes (exit 0)', async () => {
    const io = captureIo();
    expect(await main(['exercise', 'check', exam, '--replay', await studentRecording(), '--speed', '1000'], io)).toBe(EXIT.ok);
    expect(io.stdout.at(-1)).toBe('every check passes: score 9/9 (100%): 7 of 7 checks passed');
    expect(connected.options).toEqual([]);
  });

  async function studentRecording(): Promise<string> {
    const { recording } = await examStudent('student-07');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'probelab-check-')), 'student-07.jsonl');
    writeFileSync(file, serializeRecording(recording));
    return file;
  }

  it('--replay: re-grades as a recording of the student plays, line by line, until every check passes (exit 0)', async () => {
    const file = await studentRecording();
    const io = captureIo();
    const clock = new FakeClock();
    const { runExerciseCheck } = await import('../../src/commands/exercise.js');
    const checking = runExerciseCheck({ lab: exam, watch: false, replay: file, cluster: { env: {} }, lang: 'en' }, io, { connect: async () => store, clock });
    await vi.waitFor(() => expect(io.stdout).toContain('watching namespace student-07: each change re-grades it (Ctrl-C stops)'));
    await playSecondBySecond(clock, 100);
    expect(await checking).toBe(EXIT.ok);
    expect(connected.options).toEqual([]);
    expect(io.stdout.slice(0, 2)).toEqual(['liveness-exam in namespace student-07 (context kind-class)', '   POINTS  CHECK                                          REASON']);
    expect(io.stdout.slice(10)).toEqual([
      'watching namespace student-07: each change re-grades it (Ctrl-C stops)',
      '+20.0s pods DELETED liveness-exam: ✘ every check: pod liveness-exam not found in namespace student-07',
      '+21.0s pods ADDED liveness-exam: ✔ liveness probe runs `ls /tmp/healthy`: livenessProbe uses exec; livenessProbe.exec.command is [ls, /tmp/healthy]',
      '+21.0s pods ADDED liveness-exam: ✔ first probe 10 s after start: livenessProbe.initialDelaySeconds is 10',
      '+21.0s pods ADDED liveness-exam: ✔ probes every 5 s: livenessProbe.periodSeconds is 5',
      '+21.0s pods ADDED liveness-exam: ✔ one success is healthy: livenessProbe.successThreshold is 1',
      '+21.0s pods ADDED liveness-exam: ✔ two failures mean restart: livenessProbe.failureThreshold is 2',
      expect.stringMatching(/^\+21\.0s pods ADDED liveness-exam: ✘ the kubelet restarted it for failing liveness: the pod has not restarted yet \(RESTARTS 0\); it should restart once its livenessProbe \(exec \[ls, \/tmp\/healthy\]\) fails/),
      expect.stringMatching(/^\+21\.0s pods ADDED liveness-exam: ✘ the probe reported the missing file: no Unhealthy event/),
      '+21.0s score 6/9 (66%): 5 of 7 checks passed',
      expect.stringMatching(/^\+56\.3s events ADDED liveness-exam\.[0-9a-f]+: ✔ the probe reported the missing file: Unhealthy event: Liveness probe failed: ls: \/tmp\/healthy: No such file or directory$/),
      '+56.3s score 7/9 (77%): 6 of 7 checks passed',
      expect.stringMatching(/^\+61\.3s events ADDED liveness-exam\.[0-9a-f]+: ✘ the kubelet restarted it for failing liveness: the pod has not restarted yet \(RESTARTS 0\)/),
      '+92.1s pods MODIFIED liveness-exam: ✔ the kubelet restarted it for failing liveness: RESTARTS 1; Killing event: Container busybox-container failed liveness probe, will be restarted',
      '+92.1s score 9/9 (100%): 7 of 7 checks passed',
      'every check passes: score 9/9 (100%): 7 of 7 checks passed',
    ]);
  });

  it('--replay of a student who never fixes it ends with the recording, exit 1', async () => {
    const { recording } = await examStudent('student-08');
    recording.observations = recording.observations.slice(0, 1);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'probelab-check-')), 'student-08.jsonl');
    writeFileSync(file, serializeRecording(recording));
    const io = captureIo();
    expect(await main(['exercise', 'check', exam, '--replay', file], io)).toBe(EXIT.failed);
    expect(io.stdout.at(-1)).toBe('the recording ended: score 0/9 (0%): 0 of 7 checks passed');
  });

  /** `exercise check --watch --replay` of student-07 in a 120x30 terminal; frame() is its last frame, as text. */
  async function checkInTerminal(lang: Lang) {
    const file = await studentRecording();
    const term = fakeTerminal(120, 30);
    const clock = new FakeClock();
    const { runExerciseCheck } = await import('../../src/commands/exercise.js');
    const io = captureIo({ isTTY: true });
    const checking = runExerciseCheck({ lab: exam, watch: true, replay: file, cluster: { env: {} }, lang }, io, { connect: async () => store, terminal: term.terminal, clock });
    return { checking, clock, frame: () => stripAnsi(term.raw().slice(term.raw().lastIndexOf('probelab  exercise check'))) };
  }

  it('--replay in a terminal: the live checklist goes from ✘ to ✔ and says so', async () => {
    const { checking, clock, frame } = await checkInTerminal('en');
    await vi.waitFor(() => expect(frame()).toContain('score 0/9 (0%): 0 of 7 checks passed'));
    expect(frame()).toContain('✘  0/2     liveness probe runs `ls /tmp/healthy`          no livenessProbe on container busybox-container');
    expect(frame()).toContain('each change in the namespace re-grades it · q stops');
    await playSecondBySecond(clock, 21);
    await vi.waitFor(() => expect(frame()).toContain('score 6/9 (66%): 5 of 7 checks passed'));
    expect(frame()).toContain('ctx kind-class  ns student-07  +21.0s pods ADDED liveness-exam');
    await playSecondBySecond(clock, 100);
    expect(await checking).toBe(EXIT.ok);
    expect(frame()).toContain('ctx kind-class  ns student-07  +92.1s pods MODIFIED liveness-exam');
    expect(frame()).toContain('score 9/9 (100%): 7 of 7 checks passed');
    expect(frame()).toContain('✔ every check passes');
    expect(frame()).not.toContain('✘');
  });

  it('--replay in a terminal, in Korean: the live checklist names the checks in Korean, each reason in its column', async () => {
    const { checking, clock, frame } = await checkInTerminal('ko');
    await vi.waitFor(() => expect(frame()).toContain('score 0/9 (0%): 0 of 7 checks passed'));
    const lines = frame().split('\n');
    const header = lines.find((line) => line.includes('POINTS'))!;
    const row = lines.find((line) => line.includes('활성 프로브가 `ls /tmp/healthy`를 실행'))!;
    expect(row).toMatch(/^✘  0\/2     활성 프로브가 `ls \/tmp\/healthy`를 실행 +no livenessProbe on container busybox-container/);
    // The reason starts in the cell the REASON heading does, though each syllable takes two cells.
    expect(cellWidth(row.slice(0, row.indexOf('no livenessProbe')))).toBe(cellWidth(header.slice(0, header.indexOf('REASON'))));
    await playSecondBySecond(clock, 121);
    expect(await checking).toBe(EXIT.ok);
    expect(frame()).toContain('✔  2/2     활성 프로브 실패로 kubelet이 재시작함');
    expect(frame()).not.toContain('the kubelet restarted it for failing liveness');
  });
});
