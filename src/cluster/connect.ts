// The first request of every session: GET /version, bounded by an AbortSignal timeout, so an
// unreachable or silent API server fails fast with its address and the reason.

import type { ApiClient } from './api-client.js';

export const CONNECT_TIMEOUT_MS = 5_000;

export async function fetchServerVersion(api: ApiClient, timeoutMs = CONNECT_TIMEOUT_MS): Promise<string> {
  const version = await api.json<{ gitVersion?: string }>('GET', '/version', { what: 'read the server version', timeoutMs });
  return version.gitVersion ?? 'unknown';
}
