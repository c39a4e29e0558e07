// Raw requests to the API server through client-node's own machinery: a RequestContext that the
// KubeConfig authenticates (token, client cert, exec plugin, auth provider; TLS dispatcher) and its
// fetch-based HTTP library. The typed generated clients are avoided on purpose: they deserialize
// into classes with Date objects, while probelab's model (and its recordings) are the plain JSON the
// API server sends; and a raw request lets every call carry an AbortSignal and the exact
// Content-Type (apply-patch+yaml, strategic-merge-patch+json, json-patch+json).

import { HttpMethod, IsomorphicFetchHttpLibrary, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { ApiError, AuthError, UnreachableError, isApiStatus } from './errors.js';
import { describeNetworkError } from './network-error.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** What the request is for, used in error messages (`apply Deployment/web`). */
  what: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Default: the client's requestTimeoutMs. 0 means none (watches bring their own signal). */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  text(): Promise<string>;
  stream(): ReadableStream<Uint8Array>;
}

const http = new IsomorphicFetchHttpLibrary();

export class ApiClient {
  constructor(
    readonly kc: KubeConfig,
    readonly context: string,
    /** Server URL for messages (no credentials). */
    readonly server: string,
    readonly requestTimeoutMs = 30_000,
  ) {}

  /** Sends the request; any HTTP status comes back (errors only for no answer at all). */
  async send(method: Method, path: string, options: RequestOptions): Promise<RawResponse> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new AuthError(this.context, 'the context has no cluster');
    const context = new RequestContext(`${cluster.server.replace(/\/$/, '')}${path}`, HttpMethod[method]);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) context.setQueryParam(key, String(value));
    }
    context.setHeaderParam('Accept', 'application/json, */*');
    if (options.body !== undefined) {
      context.setHeaderParam('Content-Type', options.contentType ?? 'application/json');
      context.setBody(JSON.stringify(options.body));
    }
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    const signals = [options.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    if (signals.length > 0) context.setSignal(AbortSignal.any(signals));
    try {
      await this.kc.applySecurityAuthentication(context);
    } catch (error) {
      // client-node's ExecAuth rejects with the plugin's stderr, which may be empty.
      const plugin = (this.kc.getCurrentUser()?.exec as { command?: string } | undefined)?.command;
      const message = (error as Error).message.trim();
      throw new AuthError(this.context, message || (plugin ? `the exec credential plugin "${plugin}" failed without a message` : 'no details'));
    }
    try {
      const response = await http.send(context).toPromise();
      return {
        status: response.httpStatusCode,
        text: () => response.body.text(),
        stream: () => (response.body as unknown as { stream(): ReadableStream<Uint8Array> }).stream(),
      };
    } catch (error) {
      // A caller's own abort is not a connectivity problem: pass its reason through.
      if (options.signal?.aborted) throw abortReason(options.signal, error);
      throw new UnreachableError(this.server, describeNetworkError(error, timeoutMs));
    }
  }

  /** Sends and parses a JSON answer; a non-2xx answer becomes an ApiError carrying the server's message. */
  async json<T>(method: Method, path: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await this.readBody(response, options);
    if (response.status < 200 || response.status > 299) throw errorFromResponse(options.what, response.status, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Like json() but returns undefined for 404. */
  async jsonOrUndefined<T>(method: Method, path: string, options: RequestOptions): Promise<T | undefined> {
    const response = await this.send(method, path, options);
    const text = await this.readBody(response, options);
    if (response.status === 404) return undefined;
    if (response.status < 200 || response.status > 299) throw errorFromResponse(options.what, response.status, text);
    return JSON.parse(text) as T;
  }

  async text(method: Method, path: string, options: RequestOptions): Promise<string> {
    const response = await this.send(method, path, options);
    const text = await this.readBody(response, options);
    if (response.status < 200 || response.status > 299) throw errorFromResponse(options.what, response.status, text);
    return text;
  }

  private async readBody(response: RawResponse, options: RequestOptions): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw abortReason(options.signal, error);
      throw new UnreachableError(this.server, describeNetworkError(error, options.timeoutMs ?? this.requestTimeoutMs));
    }
  }
}

export function errorFromResponse(what: string, status: number, text: string): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isApiStatus(parsed)) return new ApiError(what, status, parsed.reason, parsed.message ?? text);
  return new ApiError(what, status, undefined, text.trim().slice(0, 500) || `HTTP ${status.toString()}`);
}

function abortReason(signal: AbortSignal, error: unknown): unknown {
  return signal.reason instanceof Error ? signal.reason : error;
}
