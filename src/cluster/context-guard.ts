// Fault injection (exec, signals, status patches, deletes) only runs against clusters that look
// disposable, unless the user named the context as allowed. The decision is a pure function of the
// context name, its server URL and the allow list.

import { isIP } from 'node:net';
import { EXIT, UserError } from '../exit-codes.js';

const DISPOSABLE_CONTEXTS: { test: (name: string) => boolean; label: string }[] = [
  { test: (name) => name.startsWith('kind-'), label: 'kind-*' },
  { test: (name) => name === 'minikube', label: 'minikube' },
  { test: (name) => name.startsWith('k3d-'), label: 'k3d-*' },
  { test: (name) => name === 'docker-desktop', label: 'docker-desktop' },
  { test: (name) => name === 'rancher-desktop', label: 'rancher-desktop' },
  { test: (name) => name === 'orbstack', label: 'orbstack' },
];

export const DISPOSABLE_CONTEXT_NAMES = DISPOSABLE_CONTEXTS.map((entry) => entry.label);

export interface GuardDecision {
  allowed: boolean;
  /** Why it is allowed, or why not, in words. */
  reason: string;
}

/** True when the API server's host is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopbackServer(server: string): boolean {
  let host: string;
  try {
    host = new URL(server).hostname;
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    // WHATWG URL parsing already compressed the address: ::1, and IPv4-mapped 127.x as ::ffff:7fXX:XXXX.
    return host === '::1' || /^::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.\d+\.\d+\.\d+)$/.test(host);
  }
  return false;
}

export function contextGuard(input: { context: string; server: string; allowContexts: readonly string[] }): GuardDecision {
  if (input.allowContexts.includes(input.context)) {
    return { allowed: true, reason: `context "${input.context}" is explicitly allowed` };
  }
  const match = DISPOSABLE_CONTEXTS.find((entry) => entry.test(input.context));
  if (match) return { allowed: true, reason: `context "${input.context}" looks disposable (${match.label})` };
  if (isLoopbackServer(input.server)) {
    return { allowed: true, reason: `context "${input.context}" talks to a loopback API server (${input.server})` };
  }
  return {
    allowed: false,
    reason: `context "${input.context}" (server ${input.server}) does not look like a disposable cluster`,
  };
}

/** The refusal, saying exactly how to allow the context. */
export function guardRefusal(context: string, decision: GuardDecision, configPath: string): UserError {
  return new UserError(
    [
      `refusing to inject faults: ${decision.reason}.`,
      `probelab only changes clusters whose context is ${DISPOSABLE_CONTEXT_NAMES.join(', ')}, or whose API server is on a loopback address.`,
      `If "${context}" is a throwaway cluster, allow it with --allow-context ${context}`,
      `or add it to ${configPath}:`,
      `  allowContexts: [${JSON.stringify(context)}]`,
    ].join('\n'),
    EXIT.cluster,
  );
}

export function assertContextAllowed(input: {
  context: string;
  server: string;
  allowContexts: readonly string[];
  configPath: string;
}): GuardDecision {
  const decision = contextGuard(input);
  if (!decision.allowed) throw guardRefusal(input.context, decision, input.configPath);
  return decision;
}
