// Expectation labels and action lines in Korean: the connecting words in Korean, kubectl's own
// words (READY, STATUS, RESTARTS, Running) and the lab's values as they are; in English, the
// very labels the judge and the reports use.

import { describe, expect, it } from 'vitest';
import { describeExpectation, ENGLISH_EXPECTATION_WORDS } from '../../src/expect/predicates.js';
import { messagesFor } from '../../src/i18n/messages.js';
import { discoverLabFiles } from '../../src/lab/discover.js';
import { loadLab } from '../../src/lab/load.js';
import type { Expectation } from '../../src/lab/schema.js';
import type { ActionObservation } from '../../src/model/observation.js';
import { describeAction } from '../../src/report/describe.js';
import { repoRoot } from '../support/fixtures.js';

const KO = messagesFor('ko');
const BINDINGS = new Map([['$picked', 'web-5d4f8-abcde']]);

async function catalogueExpectations(): Promise<Expectation[]> {
  const all: Expectation[] = [];
  for (const file of await discoverLabFiles([`${repoRoot}labs`])) {
    const result = await loadLab(file);
    if (result.ok) for (const step of result.loaded.lab.spec.steps) all.push(...(step.expect ?? []), ...(step.sequence ?? []), ...(step.never ?? []));
  }
  return all;
}

/** The English connecting words of a label; kubectl's capitalised words are not among them. */
const ENGLISH_WORDS = /\b(pod|deployment|endpoints|event|on|last state|terminated|exit|gone|replicas|available|unavailable|notReady|terminating|absent)\b|\bready \d/;

describe('expectation labels', () => {
  it('in English are the labels the judge writes, word for word', async () => {
    for (const expectation of await catalogueExpectations()) {
      expect(describeExpectation(expectation, BINDINGS, messagesFor('en').expectation)).toBe(describeExpectation(expectation, BINDINGS));
    }
    expect(messagesFor('en').expectation).toBe(ENGLISH_EXPECTATION_WORDS);
  });

  it('in Korean, for every expectation of the catalogue, keep kubectl\'s words and leave no English connecting word', async () => {
    const expectations = await catalogueExpectations();
    expect(expectations.length).toBeGreaterThan(50);
    for (const expectation of expectations) {
      const english = describeExpectation(expectation, BINDINGS);
      const korean = describeExpectation(expectation, BINDINGS, KO.expectation);
      expect(english).toMatch(ENGLISH_WORDS);
      // Message patterns and object names (liveness-pod) are the lab's values, as they are.
      expect(korean.replace(/"[^"]*"/g, '""').replace(/[\w.]+(-[\w.]+)+/g, 'NAME'), english).not.toMatch(ENGLISH_WORDS);
      for (const word of english.match(/\b(READY|STATUS|RESTARTS|READINESS GATES) \S+/g) ?? []) expect(korean).toContain(word);
    }
  });

  it('reads as a Korean instructor would write it', () => {
    expect(describeExpectation({ pod: '$picked', ready: '0/1' }, BINDINGS, KO.expectation)).toBe('파드 $picked (web-5d4f8-abcde) READY 0/1');
    expect(describeExpectation({ pod: 'app', restarts: { increase: 1 }, lastState: { reason: 'Completed', exitCode: 0 } }, BINDINGS, KO.expectation)).toBe('파드 app RESTARTS +1, 마지막 상태 Completed 종료 코드 0');
    expect(describeExpectation({ endpoints: 'svc', notReady: ['$picked'] }, BINDINGS, KO.expectation)).toBe('엔드포인트 svc: 준비 안 됨 ∋ $picked (web-5d4f8-abcde)');
    expect(describeExpectation({ deployment: 'web', available: 2, unavailable: 1 }, BINDINGS, KO.expectation)).toBe('디플로이먼트 web 사용 가능 2, 사용 불가 1');
    expect(describeExpectation({ event: { reason: 'Unhealthy', type: 'Warning', object: 'app', count: { atLeast: 3 }, message: '/Liveness probe failed/' } }, BINDINGS, KO.expectation)).toBe(
      'app의 이벤트 Warning Unhealthy x≥3 "/Liveness probe failed/"',
    );
  });
});

describe('action lines', () => {
  const at = Date.parse('2026-11-21T19:52:24.520Z');
  const actions: [ActionObservation, string, string][] = [
    [{ kind: 'action', at, action: 'exec', pod: 'web-1', container: 'app', command: ['rm', '/tmp/healthy'], exitCode: 0 }, 'exec rm /tmp/healthy in web-1 (container app) (exit 0)', 'exec rm /tmp/healthy (파드 web-1, 컨테이너 app) (종료 코드 0)'],
    [{ kind: 'action', at, action: 'signal', pod: 'app', command: ['kill', '-s', 'SIGUSR1', '1'], exitCode: 0 }, 'signal SIGUSR1 to PID 1 in app (exit 0)', 'PID 1에 SIGUSR1 신호 보냄 (파드 app) (종료 코드 0)'],
    [{ kind: 'action', at, action: 'patchStatus', pod: 'gate', detail: { condition: { type: 'example.com/feature-1', status: 'True' } } }, 'patch status of gate: condition example.com/feature-1=True', '파드 gate 상태 패치: 컨디션 example.com/feature-1=True'],
    [{ kind: 'action', at, action: 'patchStatus', pod: 'gate', patch: [{}, {}] }, 'patch status of gate: JSON patch (2 operations)', '파드 gate 상태 패치: JSON 패치 (작업 2개)'],
    [{ kind: 'action', at, action: 'delete', pod: 'web-1', detail: { gracePeriodSeconds: 5 } }, 'delete pod web-1 (grace period 5s)', '파드 web-1 삭제 (유예 기간 5s)'],
    [{ kind: 'action', at, action: 'scale', detail: { deployment: 'web', replicas: 3 } }, 'scale deployment web to 3 replicas', '디플로이먼트 web: 복제본 3개로 스케일'],
    [{ kind: 'action', at, action: 'sleep', detail: { duration: '2s' } }, 'sleep 2s', '2s 대기'],
    [{ kind: 'action', at, action: 'apply', detail: { file: 'fix.yaml', objects: ['Deployment/web'] } }, 'apply fix.yaml: Deployment/web', 'fix.yaml 적용: Deployment/web'],
  ];

  it.each(actions)('%#: the same line in English as the line log prints, and in Korean', (action, english, korean) => {
    expect(describeAction(action)).toBe(english);
    expect(describeAction(action, messagesFor('en').action)).toBe(english);
    expect(describeAction(action, KO.action)).toBe(korean);
  });
});
