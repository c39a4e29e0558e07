// Holds the oracle against every real recording in shared/fixtures: each consequence time read
// from the pod objects and events must fall inside the window the oracle predicts from the pod's
// stored spec and the fault time.

import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../../src/model/kube.js';
import { predict, type Consequence } from '../../src/probes/oracle.js';
import { STARTED_AT_RESOLUTION_MS } from '../../src/probes/kubelet.js';
import { loadRecording, recordingNames, type RecordingFacts } from './recording-facts.js';

// The recorder stamps a line when it receives it: a watch event arrives after the kubelet's status
// write has gone through the API server and the watch stream, and an action line is written after
// the API call returned, so the fault itself happened slightly before its stamp. The oracle leaves
// both to AUTO_SLACK; this test allows a quarter second for them.
const RECORDING_LATENCY_MS = 250;

interface Check {
  what: string;
  /** When the cause happened: one time, or a range when it is only known to the second. */
  reference: number | [number, number];
  observed: number;
  consequence: Consequence;
}

type Scenario = (r: RecordingFacts) => Check[];

const first = <T>(items: T[], what: string): T => {
  if (items.length === 0) throw new Error(`nothing observed: ${what}`);
  return items[0]!;
};

const specOf = (r: RecordingFacts, pod: string): PodSpec => r.pod(pod).spec!;

// Time bombs count from the process start, which lies within the second after the API's startedAt.
const bomb = (startedAt: number, seconds: number): [number, number] => [startedAt + seconds * 1000, startedAt + seconds * 1000 + STARTED_AT_RESOLUTION_MS];

function readyAfterStart(r: RecordingFacts, pod: string, condition: 'Ready' | 'ContainersReady' = 'Ready'): Check {
  const spec = specOf(r, pod);
  return {
    what: `${pod} ${condition} after start`,
    reference: Math.max(...spec.containers.map((c) => r.startedAt(pod, c.name))),
    observed: first(r.conditionFlips(pod, condition, 'True'), `${pod} ${condition}`),
    consequence: { kind: 'ready-after-start', spec },
  };
}

function execAt(r: RecordingFacts, pod: string, index = 0, kind: 'exec' | 'signal' = 'exec'): number {
  return first(r.actions(kind).filter((a) => a.pod === pod).slice(index), `${kind} #${index} in ${pod}`).at;
}

/** How long the container had run (from the API's startedAt) when the fault came. */
function sinceStart(r: RecordingFacts, pod: string, container: string, fault: Check['reference']): number {
  return (Array.isArray(fault) ? fault[0] : fault) - r.startedAt(pod, container);
}

/** Each of the first `n` Unhealthy events of a container after the fault, against the window of that many failed probes. */
function failures(r: RecordingFacts, pod: string, container: string, probe: 'liveness' | 'readiness', fault: number, n: number, faultKind: 'fails' | 'hangs' | 'freezes' = 'fails'): Check[] {
  const spec = specOf(r, pod);
  const sinceStartMs = sinceStart(r, pod, container, fault);
  const seen = r.eventTimes(pod, 'Unhealthy', container).filter((at) => at >= fault).slice(0, n);
  expect(seen).toHaveLength(n);
  return seen.map((observed, i) => ({ what: `${probe} failure #${i + 1}`, reference: fault, observed, consequence: { kind: 'probe-failures-after-fault', probe, failures: i + 1, spec, container, fault: faultKind, sinceStartMs } }));
}

function livenessCycle(r: RecordingFacts, pod: string, container: string, fault: Check['reference'], faultKind: 'fails' | 'hangs' | 'freezes'): Check[] {
  const spec = specOf(r, pod);
  const kill = first(r.eventTimes(pod, 'Killing', container), `${container} killed`);
  const sinceStartMs = sinceStart(r, pod, container, fault);
  return [
    { what: `${container} killed after the liveness fault`, reference: fault, observed: kill, consequence: { kind: 'liveness-kill-after-fault', spec, container, fault: faultKind, sinceStartMs } },
    { what: `${container} restarted after the kill`, reference: kill, observed: first(r.restarts(pod, container), `${container} restart`).at, consequence: { kind: 'restart-after-kill', spec, container, restartCount: 0, fault: faultKind } },
  ];
}

const SCENARIOS: Record<string, Scenario> = {
  'graceful-termination': (r) => {
    const deleted = first(r.actions('delete'), 'delete');
    const pods = r.podNames('web-');
    return [
      ...pods.map((pod) => readyAfterStart(r, pod)),
      { what: 'deleted pod stays Terminating', reference: deleted.at, observed: r.deletedAt(deleted.pod!), consequence: { kind: 'terminating-after-delete', spec: specOf(r, deleted.pod!) } },
    ];
  },
  'init-containers': (r) => [readyAfterStart(r, 'sample-initcontainer')],
  'liveness-always-500': (r) => {
    const pod = 'liveness-pod';
    const container = 'unhealthy-container';
    const spec = specOf(r, pod);
    const kills = r.eventTimes(pod, 'Killing', container);
    const restarts = r.restarts(pod, container);
    expect(kills.length).toBeGreaterThanOrEqual(4);
    // The app answers 500 from its start: every container instance is killed after its own start.
    const killChecks = kills.map((kill, i): Check => ({
      what: `kill #${i + 1} after container start`,
      reference: r.startedAt(pod, container, i),
      observed: kill,
      consequence: { kind: 'liveness-kill-after-fault', spec, container, sinceStartMs: 0 },
    }));
    const restartChecks = restarts.flatMap((restart, i): Check[] => {
      const kill = kills[i]!;
      const previousExit = i === 0 ? undefined : Date.parse(restarts[i - 1]!.status.lastState!.terminated!.finishedAt!);
      return [
        { what: `restart #${i + 1}, back-off history unknown`, reference: kill, observed: restart.at, consequence: { kind: 'restart-after-kill', spec, container, restartCount: i } },
        {
          what: `restart #${i + 1}, previous exit known`,
          // finishedAt is cut to the second: the real exit was up to 1 s later, i.e. closer to the kill.
          reference: kill,
          observed: restart.at,
          consequence: { kind: 'restart-after-kill', spec, container, restartCount: i, ...(previousExit !== undefined ? { previousExitBeforeKillMs: kill - previousExit - STARTED_AT_RESOLUTION_MS } : {}) },
        },
      ];
    });
    return [...killChecks, ...restartChecks];
  },
  'liveness-defaults': (r) => [readyAfterStart(r, 'nginx-pod-liveness')],
  'liveness-exam': (r) => [
    readyAfterStart(r, 'liveness-exam'),
    // args: touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy
    ...livenessCycle(r, 'liveness-exam', 'busybox-container', bomb(r.startedAt('liveness-exam', 'busybox-container'), 30), 'fails'),
  ],
  'liveness-grpc': (r) => [readyAfterStart(r, 'etcd-with-grpc'), ...livenessCycle(r, 'etcd-with-grpc', 'etcd', execAt(r, 'etcd-with-grpc'), 'freezes')],
  'liveness-nginx': (r) => [
    readyAfterStart(r, 'sample-liveness'),
    ...livenessCycle(r, 'sample-liveness', 'nginx-container', execAt(r, 'sample-liveness'), 'fails'),
    ...failures(r, 'sample-liveness', 'nginx-container', 'liveness', execAt(r, 'sample-liveness'), 2),
  ],
  'liveness-sigusr1': (r) => [readyAfterStart(r, 'liveness-app'), ...livenessCycle(r, 'liveness-app', 'liveness', execAt(r, 'liveness-app'), 'hangs')],
  // The signal came 1.6 s after the start, inside initialDelaySeconds 5: the kill waits for the delay.
  'liveness-sigusr1-early-fault': (r) => {
    const signal = execAt(r, 'liveness-app', 0, 'signal');
    expect(sinceStart(r, 'liveness-app', 'liveness', signal)).toBeLessThan(5_000);
    return [readyAfterStart(r, 'liveness-app'), ...livenessCycle(r, 'liveness-app', 'liveness', signal, 'hangs'), ...failures(r, 'liveness-app', 'liveness', 'liveness', signal, 3, 'hangs')];
  },
  'liveness-tcp': (r) => [
    readyAfterStart(r, 'tcp-liveness'),
    ...livenessCycle(r, 'tcp-liveness', 'server', execAt(r, 'tcp-liveness'), 'fails'),
    ...failures(r, 'tcp-liveness', 'server', 'liveness', execAt(r, 'tcp-liveness'), 2),
  ],
  'readiness-exec': (r) => {
    const pods = r.podNames('readiness-deployment-');
    const broken = first(r.actions('exec'), 'rm /tmp/healthy').pod!;
    const spec = specOf(r, broken);
    const container = spec.containers[0]!.name;
    return [
      ...pods.map((pod) => readyAfterStart(r, pod)),
      ...failures(r, broken, container, 'readiness', execAt(r, broken, 0), 3),
      { what: 'READY 0/1 after rm', reference: execAt(r, broken, 0), observed: first(r.conditionFlips(broken, 'Ready', 'False'), 'not ready'), consequence: { kind: 'not-ready-after-fault', spec, container } },
      { what: 'READY 1/1 after touch', reference: execAt(r, broken, 1), observed: first(r.conditionFlips(broken, 'Ready', 'True').slice(1), 'ready again'), consequence: { kind: 'ready-after-repair', spec, container } },
    ];
  },
  'readiness-gate': (r) => [readyAfterStart(r, 'sample-readinessgate', 'ContainersReady')],
  'readiness-hostpath': (r) => {
    const pod = 'pod-readiness-exec';
    const spec = specOf(r, pod);
    return [
      readyAfterStart(r, 'writer'),
      // successThreshold 3 × 3 s, yet READY comes ~4 s after the file appears: pod syncs probe at once.
      { what: 'READY 1/1 after the writer creates ready.txt', reference: execAt(r, 'writer', 0), observed: first(r.conditionFlips(pod, 'Ready', 'True'), 'ready'), consequence: { kind: 'ready-after-repair', spec, container: 'container' } },
    ];
  },
  'readiness-nginx-50x': (r) => {
    const pod = 'sample-readiness';
    const spec = specOf(r, pod);
    const container = 'nginx-container';
    return [
      readyAfterStart(r, pod),
      { what: 'READY 0/1 after rm 50x.html', reference: execAt(r, pod, 0), observed: first(r.conditionFlips(pod, 'Ready', 'False'), 'not ready'), consequence: { kind: 'not-ready-after-fault', spec, container } },
      { what: 'READY 1/1 after touch 50x.html', reference: execAt(r, pod, 1), observed: first(r.conditionFlips(pod, 'Ready', 'True').slice(1), 'ready again'), consequence: { kind: 'ready-after-repair', spec, container } },
    ];
  },
  // restartPolicy Never: killed, reported terminated, then the phase Failed; no restart.
  'restart-never': (r) => {
    const pod = 'one-shot';
    const container = 'app';
    const spec = specOf(r, pod);
    const rm = execAt(r, pod);
    const sinceStartMs = sinceStart(r, pod, container, rm);
    expect(r.restarts(pod, container)).toEqual([]);
    return [
      readyAfterStart(r, pod),
      ...failures(r, pod, container, 'liveness', rm, 2),
      { what: 'killed after rm', reference: rm, observed: first(r.eventTimes(pod, 'Killing', container), 'killed'), consequence: { kind: 'liveness-kill-after-fault', spec, container, sinceStartMs } },
      { what: 'reported terminated', reference: rm, observed: r.terminatedAt(pod, container), consequence: { kind: 'ended-after-liveness-fault', spec, container, sinceStartMs } },
      { what: 'phase Failed', reference: rm, observed: r.phaseAt(pod, 'Failed'), consequence: { kind: 'pod-ended-after-liveness-fault', spec, container, sinceStartMs } },
    ];
  },
  'startup-probe': (r) => {
    const pod = 'sample-startup';
    const spec = specOf(r, pod);
    const container = 'busybox';
    const started = r.startedFlip(pod, container);
    return [
      { what: 'started after touch /root/startup', reference: execAt(r, pod, 0), observed: started, consequence: { kind: 'started-after-repair', spec, container } },
      // The sync that records the startup success runs the readiness probe at once.
      { what: 'READY 1/1 once started', reference: started, observed: first(r.conditionFlips(pod, 'Ready', 'True'), 'ready'), consequence: { kind: 'ready-after-repair', spec, container } },
    ];
  },
  'webapl-timebomb': (r) => {
    const pod = 'webapl';
    const spec = specOf(r, pod);
    const container = 'webapl';
    const readyFlips = r.conditionFlips(pod, 'Ready', 'True');
    // /ready answers 200 after 20 s of process life, /healthz 500 after 40 s; again for each container.
    return [
      { what: 'READY 1/1 after /ready turns 200', reference: bomb(r.startedAt(pod, container, 0), 20), observed: first(readyFlips, 'ready'), consequence: { kind: 'ready-after-repair', spec, container } },
      ...livenessCycle(r, pod, container, bomb(r.startedAt(pod, container, 0), 40), 'fails'),
      { what: 'READY 1/1 again in the restarted container', reference: bomb(r.startedAt(pod, container, 1), 20), observed: first(readyFlips.slice(1), 'ready again'), consequence: { kind: 'ready-after-repair', spec, container } },
    ];
  },
};

describe('the oracle against every recording', () => {
  it('has a scenario for each recording in shared/fixtures', () => {
    expect(recordingNames()).toEqual(Object.keys(SCENARIOS).sort());
  });

  for (const name of recordingNames()) {
    it(`${name}: every observed consequence falls inside its window`, () => {
      const scenario = SCENARIOS[name];
      if (!scenario) throw new Error(`no scenario for recording ${name}`);
      const checks = scenario(loadRecording(name));
      expect(checks.length).toBeGreaterThan(0);
      const outside = checks.flatMap((check) => {
        const [from, to] = Array.isArray(check.reference) ? check.reference : [check.reference, check.reference];
        const window = predict(check.consequence);
        const earliest = from + window.earliestMs - RECORDING_LATENCY_MS;
        const latest = to + window.latestMs + RECORDING_LATENCY_MS;
        const seen = (check.observed - from) / 1000;
        return check.observed >= earliest && check.observed <= latest
          ? []
          : [`${check.what}: observed ${seen.toFixed(2)}s after the cause, predicted ${(window.earliestMs / 1000).toFixed(2)}s – ${((to - from + window.latestMs) / 1000).toFixed(2)}s (${window.explanation})`];
      });
      expect(outside).toEqual([]);
    });
  }
});

describe('recorded behaviours that break the naive formula', () => {
  it('readiness-hostpath: READY comes sooner than (successThreshold − 1) periods after the fix', () => {
    const r = loadRecording('readiness-hostpath');
    const probe = r.pod('pod-readiness-exec').spec!.containers[0]!.readinessProbe!;
    const took = first(r.conditionFlips('pod-readiness-exec', 'Ready', 'True'), 'ready') - execAt(r, 'writer', 0);
    expect(took).toBeLessThan((probe.successThreshold! - 1) * probe.periodSeconds! * 1000);
    const w = predict({ kind: 'ready-after-repair', spec: r.pod('pod-readiness-exec').spec!, container: 'container' });
    expect(took).toBeGreaterThanOrEqual(w.earliestMs);
  });

  it('liveness-always-500: one restart waits out a back-off, a later one follows its kill at once', () => {
    const r = loadRecording('liveness-always-500');
    const kills = r.eventTimes('liveness-pod', 'Killing', 'unhealthy-container');
    const gaps = r.restarts('liveness-pod', 'unhealthy-container').map((restart, i) => restart.at - kills[i]!);
    expect(gaps.slice(0, 2).every((gap) => gap < 1_000)).toBe(true);
    expect(gaps[2]).toBeGreaterThan(10_000);
    expect(gaps[3]).toBeLessThan(1_000);
    expect(r.eventTimes('liveness-pod', 'BackOff', 'unhealthy-container').length).toBeGreaterThan(0);
  });

  it('liveness-always-500: the liveness ticker keeps its phase across container restarts', () => {
    const r = loadRecording('liveness-always-500');
    const failures = r.eventTimes('liveness-pod', 'Unhealthy', 'unhealthy-container');
    const periodMs = r.pod('liveness-pod').spec!.containers[0]!.livenessProbe!.periodSeconds! * 1000;
    const phases = failures.map((at) => (at - failures[0]!) % periodMs);
    for (const phase of phases) expect(Math.min(phase, periodMs - phase)).toBeLessThan(100);
  });
});
