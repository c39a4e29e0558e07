// The oracle's explanations in Korean: every window the catalogue's labs predict (live, as the
// judge does on each real-cluster recording, and from the manifests, as the HTML report does) and
// every stop and back-off term the oracle can write comes out with no English prose left.

import { describe, expect, it } from 'vitest';
import { autoWithinFor, consequenceFor, templates } from '../../src/expect/auto-within.js';
import { explanationInKorean } from '../../src/i18n/explanation-ko.js';
import { discoverLabFiles } from '../../src/lab/discover.js';
import { loadLab } from '../../src/lab/load.js';
import type { Container, PodSpec } from '../../src/model/kube.js';
import { backOffTerm } from '../../src/probes/backoff.js';
import { OracleError, predict } from '../../src/probes/oracle.js';
import { stopTerms } from '../../src/probes/stop.js';
import { judgeRecording } from '../../src/replay/judge-recording.js';
import { fixtureNames, readFixture, repoRoot } from '../support/fixtures.js';

/** Words of the oracle's English prose; kubelet terms (PLEG relist, SIGTERM, CrashLoopBackOff) stay. */
const ENGLISH = /\b(the|a|an|after|until|when|at once|once|period|failures?|success(es)?|timeout|sees|running|first|second|restarts?|waits?|previous|container|containers|stops?|grace|ignores?|exits?|reports?|up to|may|over|before|earlier|less|than|retry|hook|entry|created|ready|status|cut|slowest|also|set|outside|torn|writes|killed|started|probe|sooner|runs)\b/;

async function catalogueExplanations(): Promise<string[]> {
  const found = new Set<string>();
  for (const name of await fixtureNames()) {
    const file = `${repoRoot}labs/${(await readFixture(name)).header.scenario}.yaml`;
    const result = await loadLab(file);
    if (!result.ok) continue;
    const { verdicts } = judgeRecording(result.loaded.lab, await readFixture(name), autoWithinFor(result.loaded));
    for (const item of verdicts.flatMap((v) => v?.items ?? [])) if (item.window) found.add(item.window.explanation);
  }
  for (const file of await discoverLabFiles([`${repoRoot}labs`])) {
    const result = await loadLab(file);
    if (!result.ok) continue;
    const { lab } = result.loaded;
    const all = templates(result.loaded);
    for (const step of lab.spec.steps) {
      for (const expectation of [...(step.expect ?? []), ...(step.sequence ?? [])]) {
        const consequence = consequenceFor(expectation, step, lab.spec.steps, all)?.consequence;
        try {
          if (consequence) found.add(predict(consequence).explanation);
        } catch (error) {
          if (!(error instanceof OracleError)) throw error;
        }
      }
    }
  }
  return [...found];
}

function termTexts(): string[] {
  const container = (command: string[], preStop?: string[]): Container => ({ name: 'app', image: 'busybox', command, ...(preStop ? { lifecycle: { preStop: { exec: { command: preStop } } } } : {}) });
  const spec = (c: Container): PodSpec => ({ containers: [c], terminationGracePeriodSeconds: 30 });
  const stops = [
    container(['sh', '-c', 'sleep 3600']),
    container(['sh', '-c', 'trap "exit 0" TERM; sleep 3600']),
    container(['nginx']),
    container([], ['/bin/wait-for-drain']),
    container(['nginx'], ['sh', '-c', 'sleep 5']),
  ].flatMap((c) => [
    ...stopTerms({ spec: spec(c), container: c, reason: 'liveness' }),
    ...stopTerms({ spec: spec(c), container: c, reason: 'delete', sigterm: 'unknown' }),
    ...stopTerms({ spec: spec(c), container: c, reason: 'stop', sigterm: 'ignores', frozen: true }),
    ...stopTerms({ spec: spec(c), container: c, reason: 'liveness', sigterm: 'exits' }),
  ]);
  const stop = { earliestMs: 0, latestMs: 2000 };
  const backOffs = [
    backOffTerm({ restartCount: 0, stop }),
    backOffTerm({ restartCount: 1, stop }),
    backOffTerm({ restartCount: 4, stop, previousRunMs: 700_000 }),
    backOffTerm({ restartCount: 2, stop: { earliestMs: 30_000, latestMs: 31_000 } }),
    backOffTerm({ restartCount: 2, stop, previousExitBeforeKillMs: 40_000 }),
    backOffTerm({ restartCount: 3, stop }),
    backOffTerm({ restartCount: 3, stop, previousExitBeforeKillMs: 2000 }),
  ];
  // Windows the catalogue does not predict: a startup probe gating readiness, a pod that ends.
  const probe = { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 2 };
  const gated = (readiness: boolean): PodSpec => ({ containers: [{ name: 'app', image: 'busybox', startupProbe: probe, ...(readiness ? { readinessProbe: probe } : {}) }] });
  const never: PodSpec = { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], livenessProbe: probe }] };
  const windows = [
    predict({ kind: 'ready-after-start', spec: gated(true) }),
    predict({ kind: 'ready-after-start', spec: gated(false) }),
    predict({ kind: 'pod-ended-after-liveness-fault', spec: never, container: 'app' }),
  ];
  return [...[...stops, ...backOffs].map((t) => t.text), ...windows.map((w) => w.explanation)];
}

describe('the oracle in Korean', () => {
  it('translates the usual windows word for word', () => {
    expect(explanationInKorean('3 failures × 5s period, +1s timeout')).toBe('실패 3번 × 주기 5초, +타임아웃 1초');
    expect(explanationInKorean('initialDelaySeconds 5s, 1 success × 3s period, +1s timeout')).toBe('initialDelaySeconds 5초, 성공 1번 × 주기 3초, +타임아웃 1초');
    expect(explanationInKorean('killed after 11s – 16s, node as PID 1 exits on SIGTERM: stops at once, first restart: no back-off, +≤1s until the kubelet reports the new container (PLEG relist)')).toBe(
      'kill까지 11–16초, PID 1(node)은 SIGTERM을 받으면 끝남: 곧바로 멈춤, 첫 재시작: 백오프 없음, kubelet이 새 컨테이너를 보고하기까지 +≤1초(PLEG relist)',
    );
  });

  it('leaves no English prose in any window of the catalogue', async () => {
    const explanations = await catalogueExplanations();
    // Every kind of window the catalogue has: probe runs, starts, kills, restarts, ends, deletions.
    expect(explanations.length).toBeGreaterThan(20);
    for (const text of explanations) {
      expect(text).toMatch(ENGLISH);
      expect(explanationInKorean(text), text).not.toMatch(ENGLISH);
    }
  });

  it('leaves no English prose in any stop or back-off term', () => {
    const texts = termTexts();
    expect(new Set(texts).size).toBeGreaterThan(12);
    for (const text of texts.filter((t) => !t.startsWith('preStop sleep'))) expect(text).toMatch(ENGLISH);
    for (const text of texts) expect(explanationInKorean(text), text).not.toMatch(ENGLISH);
  });
});
