import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/cluster/cluster.js';
import { execInPod, signalPod } from '../../src/cluster/exec.js';
import { ExecError } from '../../src/cluster/exec-error.js';
import type { ApiClient } from '../../src/cluster/api-client.js';
import { ProtocolTestServer, TEST_TOKEN, pod, sendJson, type TestSocket } from './protocol-test-server.js';

const POD_PATH = '/api/v1/namespaces/lab/pods/web';

const runningPod = pod('web', 'uid-web', '7', {
  spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } },
      { name: 'sidecar', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  },
});

const frame = (channel: number, text: string): Buffer => Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);
const statusFrame = (value: object): Buffer => frame(3, JSON.stringify(value));
const exitStatus = (code: number): object => ({
  metadata: {},
  status: 'Failure',
  message: `command terminated with non-zero exit code: error executing command, exit code ${code.toString()}`,
  reason: 'NonZeroExitCode',
  details: { causes: [{ reason: 'ExitCode', message: code.toString() }] },
});

let server: ProtocolTestServer;
let api: ApiClient;

beforeEach(async () => {
  server = await ProtocolTestServer.start();
  server.on('GET', POD_PATH, (_request, response) => sendJson(response, 200, runningPod));
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-exec-'));
  api = (await openSession({ kubeconfig: server.writeKubeconfig(dir), env: { HOME: dir } })).api;
});

afterEach(async () => {
  await server.close();
});

function answer(script: (socket: TestSocket) => void): void {
  server.onExec((socket) => script(socket));
}

describe('exec over the status channel', () => {
  it('collects stdout and stderr and reads exit code 0 from a Success status', async () => {
    answer((socket) => {
      socket.send(frame(1, 'hello\n'));
      socket.send(frame(2, 'a warning\n'));
      socket.send(frame(1, 'world\n'));
      socket.send(statusFrame({ metadata: {}, status: 'Success' }));
    });
    const result = await execInPod(api, 'lab', 'web', ['sh', '-c', 'echo hello; echo world'], { timeoutMs: 2000 });
    expect(result).toEqual({ exitCode: 0, stdout: 'hello\nworld\n', stderr: 'a warning\n' });
    const upgrade = server.requests.find((request) => request.path === `${POD_PATH}/exec`)!;
    expect(upgrade.query.getAll('command')).toEqual(['sh', '-c', 'echo hello; echo world']);
    expect(upgrade.query.get('container')).toBe('app');
    expect(upgrade.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it('reads a non-zero exit code from the NonZeroExitCode cause', async () => {
    answer((socket) => {
      socket.send(frame(2, 'cat: /tmp/healthy: No such file or directory\n'));
      socket.send(statusFrame(exitStatus(1)));
    });
    const result = await execInPod(api, 'lab', 'web', ['cat', '/tmp/healthy'], { timeoutMs: 2000 });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('No such file');
  });

  it('turns exit code 127 into "command not found in container …"', async () => {
    answer((socket) => {
      socket.send(frame(2, 'sh: nope: not found\n'));
      socket.send(statusFrame(exitStatus(127)));
    });
    const error = await execInPod(api, 'lab', 'web', ['sh', '-c', 'nope'], { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).failure).toBe('command-not-found');
    expect((error as ExecError).message).toBe('command not found in container app: sh -c nope (sh: nope: not found)');
    expect((error as ExecError).result?.exitCode).toBe(127);
  });

  it('turns the runtime\'s "executable file not found" failure into command-not-found', async () => {
    answer((socket) => {
      socket.send(
        statusFrame({
          status: 'Failure',
          reason: 'InternalError',
          message: 'Internal error occurred: error executing command in container: failed to exec in container: OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown',
        }),
      );
    });
    await expect(execInPod(api, 'lab', 'web', ['curl', 'localhost'], { timeoutMs: 2000 })).rejects.toThrow(/^command not found in container app: curl localhost \(.*executable file not found/);
  });
});

describe('exec settled by the socket', () => {
  it('counts a normal close without a status as exit 0, keeping the output', async () => {
    answer((socket) => {
      socket.send(frame(1, 'done\n'));
      socket.close(1000);
    });
    expect(await execInPod(api, 'lab', 'web', ['true'], { timeoutMs: 2000 })).toEqual({ exitCode: 0, stdout: 'done\n', stderr: '' });
  });

  it('fails clearly when the connection breaks before the status', async () => {
    answer((socket) => {
      socket.send(frame(1, 'partial'));
      setTimeout(() => socket.terminate(), 20);
    });
    await expect(execInPod(api, 'lab', 'web', ['sleep', '1'], { timeoutMs: 2000 })).rejects.toThrow(/closed \(code 1006\) before the command reported its exit status/);
  });

  it('times out a command that never ends', async () => {
    answer(() => undefined);
    const started = Date.now();
    const error = await execInPod(api, 'lab', 'web', ['sleep', '3600'], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect((error as ExecError).failure).toBe('timeout');
    expect((error as ExecError).message).toMatch(/sleep 3600 in web\/app did not finish within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('exec refused before it starts', () => {
  it('names a missing pod', async () => {
    const error = await execInPod(api, 'lab', 'ghost', ['true']).catch((e: unknown) => e);
    expect((error as ExecError).failure).toBe('pod-not-found');
    expect((error as ExecError).message).toBe('pod ghost not found in namespace lab');
  });

  it('names a container that is not running, with its state', async () => {
    const error = await execInPod(api, 'lab', 'web', ['true'], { container: 'sidecar' }).catch((e: unknown) => e);
    expect((error as ExecError).failure).toBe('container-not-running');
    expect((error as ExecError).message).toContain('container sidecar of pod web is not running (waiting: CrashLoopBackOff');
    expect(server.requests.some((request) => request.path.endsWith('/exec'))).toBe(false);
  });

  it('reads the server\'s Status when the upgrade is refused', async () => {
    // no exec handler: the test server answers the upgrade with 404 and a Status body
    const error = await execInPod(api, 'lab', 'web', ['true'], { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect((error as ExecError).message).toMatch(/exec in web\/app refused: no exec handler \(HTTP 404\)/);
  });
});

describe('signal', () => {
  it('runs kill -s NAME 1 in the container', async () => {
    answer((socket) => socket.send(statusFrame({ status: 'Success' })));
    await signalPod(api, 'lab', 'web', 'SIGUSR1');
    const upgrade = server.requests.find((request) => request.path.endsWith('/exec'))!;
    expect(upgrade.query.getAll('command')).toEqual(['kill', '-s', 'USR1', '1']);
  });

  it('says so when the image has no kill', async () => {
    answer((socket) => socket.send(statusFrame({ status: 'Failure', reason: 'InternalError', message: 'exec: "kill": executable file not found in $PATH' })));
    const error = await signalPod(api, 'lab', 'web', 'TERM').catch((e: unknown) => e);
    expect((error as ExecError).failure).toBe('no-kill');
    expect((error as ExecError).message).toMatch(/cannot send SIGTERM to PID 1 of web: the container image has no kill command/);
  });
});
