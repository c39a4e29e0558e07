import { describe, expect, it } from 'vitest';
import { checkExecTarget, defaultContainer, interpretExecStatus } from '../../src/cluster/exec-status.js';
import { signalName } from '../../src/cluster/exec.js';
import { ExecError } from '../../src/cluster/exec-error.js';
import type { Pod } from '../../src/model/kube.js';

const target = { container: 'app', command: ['cat', '/tmp/healthy'] };
const output = { stdout: 'out', stderr: 'err' };

function failure(fn: () => unknown): ExecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExecError) return error;
    throw error;
  }
  throw new Error('expected an ExecError');
}

describe('interpretExecStatus', () => {
  it('maps Success to 0 and NonZeroExitCode to its ExitCode cause', () => {
    expect(interpretExecStatus({ status: 'Success' }, output, target)).toEqual({ exitCode: 0, stdout: 'out', stderr: 'err' });
    const status = { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '137' }] } };
    expect(interpretExecStatus(status, output, target).exitCode).toBe(137);
  });

  it('treats 126 and 127 as command not found, keeping the result', () => {
    for (const code of [126, 127]) {
      const error = failure(() => interpretExecStatus({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } }, output, target));
      expect(error.failure).toBe('command-not-found');
      expect(error.message).toBe('command not found in container app: cat /tmp/healthy (err)');
      expect(error.result?.exitCode).toBe(code);
    }
  });

  it('reports other failures with the server message', () => {
    const error = failure(() => interpretExecStatus({ status: 'Failure', reason: 'InternalError', message: 'container is being removed' }, output, target));
    expect(error.failure).toBe('failed');
    expect(error.message).toContain('container is being removed');
    expect(failure(() => interpretExecStatus({ status: 'Failure', reason: 'NonZeroExitCode' }, output, target)).message).toMatch(/no exit code/);
  });
});

const pod = (extra: Partial<Pod>): Pod => ({ metadata: { name: 'web' }, spec: { containers: [{ name: 'app' }, { name: 'side' }] }, ...extra });

describe('checkExecTarget', () => {
  const running = { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }, { name: 'side', ready: false, restartCount: 1, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] };

  it('defaults to the annotated container, else the first', () => {
    expect(defaultContainer(pod({}))).toBe('app');
    expect(defaultContainer(pod({ metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/default-container': 'side' } } }))).toBe('side');
    expect(checkExecTarget(pod({ status: running }), undefined)).toBe('app');
  });

  it('names the containers when the requested one does not exist', () => {
    expect(failure(() => checkExecTarget(pod({ status: running }), 'db')).message).toBe('container "db" is not in pod web (containers: app, side)');
  });

  it('says why a container is not running', () => {
    const error = failure(() => checkExecTarget(pod({ status: running }), 'side'));
    expect(error.failure).toBe('container-not-running');
    expect(error.message).toBe('container side of pod web is not running (terminated: OOMKilled, exit code 137; pod phase Running)');
    expect(failure(() => checkExecTarget(pod({ status: { phase: 'Pending' } }), 'app')).message).toContain('no status yet; pod phase Pending');
  });
});

describe('signalName', () => {
  it('strips SIG and upper-cases; rejects junk', () => {
    expect(signalName('SIGUSR1')).toBe('USR1');
    expect(signalName('term')).toBe('TERM');
    expect(signalName('9')).toBe('9');
    expect(() => signalName('USR1; rm -rf /')).toThrow(/not a signal name/);
  });
});
