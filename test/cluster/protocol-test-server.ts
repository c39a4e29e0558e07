// A protocol-level test double, NOT a Kubernetes API: a plain HTTP server (plus a WebSocket endpoint
// for exec) on 127.0.0.1 that answers exactly what each test scripts, records every request, and
// implements no Kubernetes semantics. It lets the cluster layer's wire behaviour (watch streams that
// drop, 410 Gone, silent servers, exec channels, Content-Types) be tested without a cluster.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** The server end of an exec WebSocket, as far as tests use it. */
export interface TestSocket {
  protocol: string;
  send(data: Buffer): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

interface WsServer {
  handleUpgrade(request: IncomingMessage, socket: Socket, head: Buffer, done: (ws: TestSocket) => void): void;
  close(): void;
}
type WsServerConstructor = new (options: object) => WsServer;

// ws ships with @kubernetes/client-node; there are no @types/ws here, hence the interfaces above.
const { WebSocketServer } = createRequire(import.meta.resolve('@kubernetes/client-node'))('ws') as { WebSocketServer: WsServerConstructor };

export const TEST_TOKEN = 'test-token-do-not-print-0123456789';

export class ProtocolTestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  private execHandler: ((socket: TestSocket, request: RecordedRequest) => void) | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly wss: WsServer;
  private port = 0;

  private constructor(private readonly server: Server) {
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols: Set<string>) => (protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const recorded = this.record(request, Buffer.concat(chunks).toString('utf8'));
        const route = this.routes.find((entry) => entry.method === recorded.method && (typeof entry.path === 'string' ? entry.path === recorded.path : entry.path.test(recorded.path)));
        if (!route) {
          sendJson(response, 404, { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: `the test server has no route for ${recorded.method} ${recorded.path}` });
          return;
        }
        void Promise.resolve(route.handler(recorded, response)).catch((error: unknown) => {
          response.destroy(error as Error);
        });
      });
    });
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      const recorded = this.record(request, '');
      const handler = this.execHandler;
      if (!handler) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"kind":"Status","message":"no exec handler"}');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => handler(ws, recorded));
    });
  }

  static async start(): Promise<ProtocolTestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ProtocolTestServer(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.listening ? (this.server.address() as AddressInfo).port : this.port).toString()}`;
  }

  /** Handles method + path; a later route for the same request replaces nothing (first match wins). */
  on(method: string, path: string | RegExp, handler: Handler): this {
    this.routes.push({ method, path, handler });
    return this;
  }

  /** Replaces all routes for method + path with this one. */
  set(method: string, path: string | RegExp, handler: Handler): this {
    for (let index = this.routes.length - 1; index >= 0; index--) {
      const route = this.routes[index]!;
      if (route.method === method && String(route.path) === String(path)) this.routes.splice(index, 1);
    }
    return this.on(method, path, handler);
  }

  onExec(handler: (socket: TestSocket, request: RecordedRequest) => void): this {
    this.execHandler = handler;
    return this;
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((entry) => entry.method === method && (typeof path === 'string' ? entry.path === path : path.test(entry.path)));
  }

  /** Writes a kubeconfig whose current context points at this server with a bearer token. */
  writeKubeconfig(dir: string, context = 'kind-test'): string {
    const file = path.join(dir, `kubeconfig-${context}`);
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: test-server',
        `  cluster: { server: "${this.url}", insecure-skip-tls-verify: true }`,
        'users:',
        '- name: tester',
        `  user: { token: ${TEST_TOKEN} }`,
        'contexts:',
        `- name: ${context}`,
        '  context: { cluster: test-server, user: tester }',
        `current-context: ${context}`,
        '',
      ].join('\n'),
    );
    return file;
  }

  /**
   * Stops as a stopped API server does: open connections are cut and new ones refused
   * (ECONNREFUSED) until restart() listens on the same port again.
   */
  async stop(): Promise<void> {
    this.port = (this.server.address() as AddressInfo).port;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.wss.close();
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(request: IncomingMessage, body: string): RecordedRequest {
    const url = new URL(request.url ?? '/', 'http://test');
    const recorded = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body };
    this.requests.push(recorded);
    return recorded;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts a chunked watch response; each write is one JSON line. */
export function startWatch(response: ServerResponse): (event: unknown) => void {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  response.flushHeaders();
  return (event) => response.write(`${JSON.stringify(event)}\n`);
}

export function status(code: number, reason: string, message: string): object {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

/** A pod as far as the watch and exec tests need one. */
export function pod(name: string, uid: string, resourceVersion: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'lab', uid, resourceVersion }, ...extra };
}

export function podList(resourceVersion: string, items: unknown[]): object {
  return { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion }, items };
}

/** Waits until check() is true, polling; fails the test with `what` after timeoutMs. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
