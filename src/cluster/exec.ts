// exec over the pods/exec subresource with client-node's Exec (WebSocket, channel.k8s.io
// protocols). Exec.exec() resolves as soon as the socket opens; the command's end is the status
// channel (3) or, failing that, the socket's close, whichever comes first. A normal close without
// a status counts as success, as in kubectl (client-go tools/remotecommand/errorstream.go: an empty
// error stream is a nil error).

import { createRequire } from 'node:module';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Exec, type KubeConfig } from '@kubernetes/client-node';
import type { Pod } from '../model/kube.js';
import type { ExecOptions, ExecResult } from './port.js';
import type { ApiClient } from './api-client.js';
import { ExecError } from './exec-error.js';
import { checkExecTarget, interpretExecStatus, type ExecStatus } from './exec-status.js';
import { describeNetworkError } from './network-error.js';

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

interface Socket {
  on(event: string, listener: (...args: never[]) => void): void;
  close(): void;
  terminate(): void;
}
type SocketConstructor = new (url: string, protocols: string[], options: object) => Socket;

let socketConstructor: SocketConstructor | undefined;

/**
 * The `ws` WebSocket class that client-node's own WebSocketHandler uses (its dependency, loaded
 * from its location, so no second copy is needed). probelab has no @types/ws, hence the small
 * Socket interface.
 */
function webSocketClass(): SocketConstructor {
  socketConstructor ??= createRequire(import.meta.resolve('@kubernetes/client-node'))('ws') as SocketConstructor;
  return socketConstructor;
}

class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  async text(): Promise<string> {
    if (!this.writableEnded) this.end();
    await finished(this);
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function readStatusBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function refusedMessage(statusCode: number | undefined, body: string): string {
  try {
    const status = JSON.parse(body) as { message?: string };
    if (status.message) return `${status.message} (HTTP ${String(statusCode)})`;
  } catch {
    // not a Status: fall through to the raw text
  }
  return `${body.trim().slice(0, 300) || 'upgrade refused'} (HTTP ${String(statusCode)})`;
}

// The subprotocols client-node's WebSocketHandler offers, newest first.
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
const CLOSE_STREAM = 255;

type Connector = NonNullable<ConstructorParameters<typeof Exec>[1]>;

/** Runs the command in an already checked, running container. */
export function runExec(kc: KubeConfig, namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const stdout = new Collector();
    const stderr = new Collector();
    let socket: Socket | undefined;
    let settled = false;
    const target = { container, command };
    const finish = (decide: (output: { stdout: string; stderr: string }) => ExecResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      Promise.all([stdout.text(), stderr.text()])
        .then(([out, err]) => resolve(decide({ stdout: out, stderr: err })))
        .catch(reject);
    };
    const fail = (error: ExecError): void =>
      finish(() => {
        throw error;
      });
    const timer = setTimeout(() => {
      socket?.terminate();
      fail(new ExecError('timeout', `${command.join(' ')} in ${pod}/${container} did not finish within ${(timeoutMs / 1000).toString()} s`));
    }, timeoutMs);

    // Exec builds the exec URL and decodes the channels; this connector owns the socket, so a
    // timeout can terminate it even mid-handshake and a refused upgrade can be read for its Status.
    const connector: Connector = {
      connect: async (path, _textHandler, binaryHandler) => {
        const cluster = kc.getCurrentCluster();
        if (!cluster) throw new Error('the context has no cluster');
        const options: Record<string, unknown> = {};
        await kc.applyToHTTPSOptions(options);
        const Socket = webSocketClass();
        return new Promise((resolveOpen, rejectOpen) => {
          const opened = new Socket(`${cluster.server.replace(/^http/, 'ws').replace(/\/$/, '')}${path}`, PROTOCOLS, { ...options, handshakeTimeout: timeoutMs });
          socket = opened;
          let open = false;
          opened.on('open', () => {
            open = true;
            resolveOpen(opened as never);
          });
          opened.on('error', (error: Error) => rejectOpen(error));
          opened.on('message', (data: Buffer, isBinary: boolean) => {
            // Only binary frames carry channels in v2–v5; a v5 CLOSE (255) frame needs no action
            // since the status channel ends the command.
            if (!isBinary || data.length === 0 || data[0] === CLOSE_STREAM) return;
            try {
              if (binaryHandler && !binaryHandler(data[0]!, data.subarray(1))) opened.close();
            } catch (error) {
              fail(new ExecError('failed', `unreadable exec stream from ${pod}/${container}: ${(error as Error).message}`));
              opened.terminate();
            }
          });
          opened.on('close', (code: number, reason: Buffer) => {
            // Before the upgrade, ws reports the cause through 'error' or 'unexpected-response'.
            if (!open) return;
            if (code === 1000 || code === 1005) finish((output) => ({ exitCode: 0, ...output }));
            else {
              const why = reason.toString('utf8');
              fail(new ExecError('connection', `exec connection to ${pod}/${container} closed (code ${code.toString()}${why ? `: ${why}` : ''}) before the command reported its exit status`));
            }
          });
          opened.on('unexpected-response', (request: ClientRequest, response: IncomingMessage) => {
            void readStatusBody(response).then((body) => {
              request.destroy();
              const message = refusedMessage(response.statusCode, body);
              fail(new ExecError(/container not found|not running/i.test(message) ? 'container-not-running' : 'connection', `exec in ${pod}/${container} refused: ${message}`));
            });
          });
        });
      },
    };
    new Exec(kc, connector)
      .exec(namespace, pod, container, command, stdout, stderr, null, false, (status) => {
        finish((output) => interpretExecStatus(status as ExecStatus, output, target));
      })
      .catch((error: unknown) => {
        fail(new ExecError('connection', `cannot open exec to ${pod}/${container}: ${describeNetworkError(error)}`));
      });
  });
}

export async function execInPod(api: ApiClient, namespace: string, pod: string, command: string[], options: ExecOptions = {}): Promise<ExecResult> {
  if (command.length === 0) throw new ExecError('failed', 'exec needs a command');
  const podObject = await api.jsonOrUndefined<Pod>('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`, {
    what: `read pod ${namespace}/${pod}`,
  });
  if (!podObject) throw new ExecError('pod-not-found', `pod ${pod} not found in namespace ${namespace}`);
  const container = checkExecTarget(podObject, options.container);
  return runExec(api.kc, namespace, pod, container, command, options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
}

/** `kill -s NAME` takes the name without the SIG prefix (POSIX kill; busybox accepts both). */
export function signalName(signal: string): string {
  const trimmed = signal.trim().toUpperCase();
  if (!/^(SIG)?[A-Z0-9+-]+$/.test(trimmed)) throw new ExecError('failed', `not a signal name: ${signal}`);
  return trimmed.replace(/^SIG/, '');
}

/** Sends a signal to PID 1 of the container with the image's own `kill`. */
export async function signalPod(api: ApiClient, namespace: string, pod: string, signal: string, options: ExecOptions = {}): Promise<ExecResult> {
  const name = signalName(signal);
  let result: ExecResult;
  try {
    result = await execInPod(api, namespace, pod, ['kill', '-s', name, '1'], options);
  } catch (error) {
    if (error instanceof ExecError && error.failure === 'command-not-found') {
      throw new ExecError(
        'no-kill',
        `cannot send SIG${name} to PID 1 of ${pod}: the container image has no kill command (${error.message}); use an image with a shell or busybox`,
        error.result,
      );
    }
    throw error;
  }
  if (result.exitCode !== 0) {
    throw new ExecError('failed', `kill -s ${name} 1 in ${pod} exited ${result.exitCode.toString()}: ${result.stderr.trim() || result.stdout.trim()}`, result);
  }
  return result;
}
