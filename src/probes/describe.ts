// The one-line probe summary `kubectl describe pod` prints under Liveness / Readiness / Startup.
// Text follows DescribeProbe in kubernetes/kubectl pkg/describe/describe.go, applied to the probe
// as the API server stores it (defaults filled in), so a manifest and its live pod read the same.

import type { Container, PodSpec, Probe } from '../model/kube.js';
import { effectiveProbe, type ProbeHandler } from './defaults.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeLine {
  container: string;
  kind: ProbeKind;
  text: string;
}

export function describeProbe(probe: Probe): string {
  const p = effectiveProbe(probe);
  const attrs = `delay=${p.initialDelaySeconds}s timeout=${p.timeoutSeconds}s period=${p.periodSeconds}s #success=${p.successThreshold} #failure=${p.failureThreshold}`;
  return `${describeHandler(p.handler)} ${attrs}`;
}

function describeHandler(handler: ProbeHandler): string {
  switch (handler.kind) {
    case 'exec':
      // Go's %v of a []string: elements joined by spaces inside brackets.
      return `exec [${(handler.exec.command ?? []).join(' ')}]`;
    case 'httpGet': {
      const { scheme, host, port, path } = handler.httpGet;
      return `http-get ${goUrlString(scheme.toLowerCase(), joinHostPort(host ?? '', String(port)), path)}`;
    }
    case 'tcpSocket':
      return `tcp-socket ${handler.tcpSocket.host ?? ''}:${String(handler.tcpSocket.port)}`;
    case 'grpc':
      // `grpc <pod>:%d %s %s`: an empty service leaves two spaces before the attributes.
      return `grpc <pod>:${handler.grpc.port} ${handler.grpc.service}`;
    case 'unknown':
      return 'unknown';
  }
}

// net.JoinHostPort: brackets around a host that contains a colon (IPv6).
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// url.URL{Scheme, Host, Path}.String(): "scheme://host" then the escaped path, with a "/" put in
// front of a relative path because a host is present.
function goUrlString(scheme: string, host: string, path: string): string {
  const escaped = escapePath(path);
  const slash = escaped !== '' && !escaped.startsWith('/') ? '/' : '';
  return `${scheme === '' ? '' : `${scheme}:`}//${host}${slash}${escaped}`;
}

// net/url shouldEscape in encodePath mode: letters, digits, "-_.~" and "$&+,/:;=@" stay; every
// other byte (including "?", "#", space, "!", "*", "(", ")") becomes %XX.
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;

function escapePath(path: string): string {
  let out = '';
  for (const char of path) {
    if (PATH_SAFE.test(char)) {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const KINDS: { kind: ProbeKind; field: 'livenessProbe' | 'readinessProbe' | 'startupProbe' }[] = [
  { kind: 'liveness', field: 'livenessProbe' },
  { kind: 'readiness', field: 'readinessProbe' },
  { kind: 'startup', field: 'startupProbe' },
];

/**
 * Every probe of a pod spec in `kubectl describe` order (Liveness, Readiness, Startup per container),
 * including restartable init containers (sidecars), which the kubelet probes like regular ones.
 */
export function listProbes(spec: PodSpec): ProbeLine[] {
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...sidecars, ...spec.containers].flatMap((container: Container) =>
    KINDS.flatMap(({ kind, field }) => {
      const probe = container[field];
      return probe ? [{ container: container.name, kind, text: describeProbe(probe) }] : [];
    }),
  );
}
