// The kubectl equivalent of each action: built from real recorded actions where the recordings
// have them, checked argument by argument, and read back through a real POSIX shell (sh), so the
// quoting is proven by the shell that will run it, not by a second copy of the quoting rules.

import { describe, expect, it } from 'vitest';
import type { ActionObservation } from '../../src/model/observation.js';
import { actionArgv, actionCommand, shellQuote } from '../../src/report/kubectl.js';
import { readFixture } from '../support/fixtures.js';
import { shellWords } from '../support/shell.js';

const NS = 'probelab-readiness-exec-x7k2p';

async function recordedAction(fixture: string, index = 0): Promise<ActionObservation> {
  const actions = (await readFixture(fixture)).observations.filter((o): o is ActionObservation => o.kind === 'action');
  return actions[index]!;
}

const action = (fields: Omit<ActionObservation, 'kind' | 'at'>): ActionObservation => ({ kind: 'action', at: 0, ...fields });

describe('kubectl equivalents', () => {
  it('exec names the pod that ran the command and its container', async () => {
    const rm = await recordedAction('readiness-exec');
    expect(actionCommand(rm, { namespace: NS })).toBe(`kubectl -n ${NS} exec readiness-deployment-774f8b876f-hqx8x -c readiness-deployment -- rm /tmp/healthy`);
  });

  it('keeps a shell command in one quoted argument, so the pod runs it and not the learner\'s shell', async () => {
    const kill = await recordedAction('liveness-tcp');
    const command = actionCommand(kill, { namespace: 'lab' })!;
    expect(command).toBe("kubectl -n lab exec tcp-liveness -c server -- sh -c 'kill $(cat /tmp/listener.pid)'");
    expect(shellWords(command)).toEqual(actionArgv(kill, { namespace: 'lab' })!.slice(1));
  });

  it('a signal is kill -s without SIG, to PID 1', async () => {
    const signal = await recordedAction('liveness-sigusr1-early-fault');
    expect(signal.action).toBe('signal');
    expect(actionCommand(signal, { namespace: 'lab' })).toBe('kubectl -n lab exec liveness-app -- kill -s USR1 1');
  });

  it('a JSON patch goes to the status subresource as written', async () => {
    const patch = await recordedAction('readiness-gate');
    const argv = actionArgv(patch, { namespace: 'lab' })!;
    expect(argv.slice(0, 8)).toEqual(['kubectl', '-n', 'lab', 'patch', 'pod', 'sample-readinessgate', '--subresource=status', '--type=json']);
    expect(argv[8]).toBe('-p');
    expect(JSON.parse(argv[9]!)).toEqual(patch.patch);
    const command = actionCommand(patch, { namespace: 'lab' })!;
    expect(command).toContain(` -p '[{"op":"add","path":"/status/conditions/-","value":{"type":"example.com/feature-1","status":"True"}}]'`);
    expect(shellWords(command)).toEqual(argv.slice(1));
  });

  it('a condition is a strategic merge patch keyed by type, as the cluster layer sends it', () => {
    const set = action({ action: 'patchStatus', pod: 'sample-readinessgate', detail: { condition: { type: 'example.com/feature-1', status: 'False', reason: 'FeatureDisabled' } } });
    const argv = actionArgv(set, { namespace: 'lab' })!;
    expect(argv).toContain('--type=strategic');
    expect(JSON.parse(argv.at(-1)!)).toEqual({ status: { conditions: [{ type: 'example.com/feature-1', status: 'False', reason: 'FeatureDisabled' }] } });
  });

  it('delete returns at once; a zero grace period needs --force, or kubectl would make it 1', async () => {
    const deleted = await recordedAction('graceful-termination');
    expect(actionCommand(deleted, { namespace: 'lab' })).toBe('kubectl -n lab delete pod web-5ddf88b4b7-6hh4d --wait=false');
    expect(actionCommand(action({ action: 'delete', pod: 'web-1', detail: { gracePeriodSeconds: 5 } }), { namespace: 'lab' })).toBe('kubectl -n lab delete pod web-1 --grace-period=5 --wait=false');
    expect(actionCommand(action({ action: 'delete', pod: 'web-1', detail: { gracePeriodSeconds: 0 } }), { namespace: 'lab' })).toBe('kubectl -n lab delete pod web-1 --grace-period=0 --force --wait=false');
    expect(actionCommand(action({ action: 'delete', detail: { object: 'Service/web' } }), { namespace: 'lab' })).toBe('kubectl -n lab delete service/web --wait=false');
  });

  it('scale, apply (relative to the lab file) and sleep', () => {
    expect(actionCommand(action({ action: 'scale', detail: { deployment: 'web', replicas: 3 } }), { namespace: 'lab' })).toBe('kubectl -n lab scale deployment/web --replicas=3');
    expect(actionCommand(action({ action: 'apply', detail: { file: '../manifests/web-v2.yaml', objects: ['Deployment/web'] } }), { namespace: 'lab', labFile: 'labs/rollout.yaml' })).toBe(
      'kubectl -n lab apply --server-side --field-manager=probelab --force-conflicts -f manifests/web-v2.yaml',
    );
    expect(actionCommand(action({ action: 'sleep', detail: { duration: '1m30s' } }), { namespace: 'lab' })).toBe('sleep 90');
  });

  it('an action without its pod has no command', () => {
    expect(actionCommand(action({ action: 'exec', command: ['true'] }), { namespace: 'lab' })).toBeUndefined();
  });
});

describe('shellQuote', () => {
  it('leaves safe words bare and reads every other one back exactly', () => {
    expect(shellQuote('/tmp/healthy')).toBe('/tmp/healthy');
    expect(shellQuote('--replicas=3')).toBe('--replicas=3');
    const awkward = ["it's", 'a b', '$HOME', '`id`', '*', '', 'tab\there', '"q"', '!x', '~', 'new\nline'];
    expect(shellWords(`kubectl ${awkward.map(shellQuote).join(' ')}`)).toEqual(awkward);
  });
});
