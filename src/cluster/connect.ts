// The first request of every session: GET /version, bounded by an AbortSignal timeout, so an
// unreachable or silent API server fails fast with its address and the reason.

import type { ApiClient } from './api-client.js';

// 4 s leaves room for start-up inside the 5 s a user waits at most for an unreachable server.
export const CONNECT_TIMEOUT_MS = 4_000;

export async function fetchServerVersion(api: ApiClient, timeoutMs = CONNECT_TIMEOUT_MS): Promise<string> {
  const version = await api.json<{ gitVersion?: string }>('GET', '/version', { what: 'read the server version', timeoutMs });
  return version.gitVersion ?? 'unknown';
}
