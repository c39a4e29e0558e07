// Typed errors of the cluster layer. All are UserErrors, so the CLI prints their (redacted)
// message without a stack and exits with the code that fits.

import { EXIT, UserError } from '../exit-codes.js';
import { redact } from './redact.js';

/** The metav1.Status the API server sends with an error response. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export function isApiStatus(value: unknown): value is ApiStatus {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

function exitCodeForStatus(status: number): number {
  if (status === 401 || status === 403 || status >= 500 || status === 0) return EXIT.cluster;
  return EXIT.badInput;
}

/** An HTTP error answer from the API server. */
export class ApiError extends UserError {
  constructor(
    /** What probelab was doing, e.g. `apply Deployment/web`. */
    readonly what: string,
    readonly status: number,
    readonly reason: string | undefined,
    readonly serverMessage: string,
  ) {
    super(redact(`${what}: ${serverMessage} (HTTP ${status}${reason ? ` ${reason}` : ''})`), exitCodeForStatus(status));
  }
}

/** The API server could not be reached at all (refused, unknown host, TLS, timeout). */
export class UnreachableError extends UserError {
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(redact(`cannot reach the API server ${server}: ${reason}`), EXIT.cluster);
  }
}

/** Credentials could not be produced (exec plugin, auth provider, unreadable cert file). */
export class AuthError extends UserError {
  constructor(context: string, detail: string) {
    super(redact(`cannot authenticate with context "${context}": ${detail}`), EXIT.cluster);
  }
}
