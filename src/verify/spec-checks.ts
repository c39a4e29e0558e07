// Checks on the pod spec the student wrote: probes, readiness gates, init containers, lifecycle
// hooks and the grace period. Values are compared as the API server stores them (an absent
// field is its default), because that is what the kubelet runs; a reason names the field, the
// value found and the value expected, so the student knows what to change.

import type { Check } from '../lab/schema.js';
import type { Container, LifecycleHandler, PodSpec, Probe } from '../model/kube.js';
import { effectiveProbe, podGracePeriodSeconds } from '../probes/defaults.js';

export interface Outcome {
  passed: boolean;
  reason: string;
}

type ProbeCheck = Extract<Check, { probe: unknown }>;
type LifecycleCheck = Extract<Check, { lifecycle: unknown }>;
type ProbeField = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

const PROBE_FIELD: Record<ProbeCheck['probe']['kind'], ProbeField> = {
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
  startup: 'startupProbe',
};

const TIMING = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;

const pass = (reason: string): Outcome => ({ passed: true, reason });
const fail = (reason: string): Outcome => ({ passed: false, reason });

/** `[ls, /tmp/healthy]`: a command as a YAML flow list, quoting items a reader could misparse. */
export function formatCommand(command: readonly string[]): string {
  return `[${command.map((part) => (/^[^\s,[\]"']+$/.test(part) ? part : JSON.stringify(part))).join(', ')}]`;
}

/**
 * The container a check is about: the named one, or else the first that has what the check
 * looks for (so a sidecar listed first does not hide the app's probe).
 */
function containerFor(spec: PodSpec, name: string | undefined, has: (c: Container) => boolean, missing: string): { container: Container } | Outcome {
  const names = spec.containers.map((c) => c.name);
  if (name !== undefined) {
    const container = spec.containers.find((c) => c.name === name);
    if (!container) return fail(`no container named ${name} (containers: ${names.join(', ')})`);
    return has(container) ? { container } : fail(`no ${missing} on container ${name}`);
  }
  const container = spec.containers.find(has);
  if (container) return { container };
  return fail(names.length === 1 ? `no ${missing} on container ${names[0]!}` : `no ${missing} on any container (${names.join(', ')})`);
}

function hookKind(handler: LifecycleHandler): string | undefined {
  return (['exec', 'httpGet', 'tcpSocket', 'sleep'] as const).find((kind) => handler[kind] !== undefined);
}

function portOf(probe: Probe): number | string | undefined {
  return probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
}

/**
 * A port as the kubelet dials it: a name is looked up among the container's ports, and a name
 * that matches none is tried as a number (kubernetes pkg/probe/util.go, ResolveContainerPort).
 */
function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port)?.containerPort;
  if (named !== undefined) return named;
  return /^\d+$/.test(port) ? Number(port) : undefined;
}

function samePort(actual: number | string, expected: number | string, container: Container): boolean {
  if (actual === expected) return true;
  const a = resolvePort(actual, container);
  return a !== undefined && a === resolvePort(expected, container);
}

export function checkProbe(check: ProbeCheck, spec: PodSpec): Outcome {
  const field = PROBE_FIELD[check.probe.kind];
  const found = containerFor(spec, check.container, (c) => c[field] !== undefined, field);
  if ('passed' in found) return found;
  const { container } = found;
  const written = container[field]!;
  const probe = effectiveProbe(written);
  const where = spec.containers.length > 1 ? `container ${container.name}: ` : '';
  const expected = check.probe;
  const problems: string[] = [];
  const seen: string[] = [];
  const compare = (ok: boolean, is: string, wanted: string) => (ok ? seen.push(is) : problems.push(`${is}, expected ${wanted}`));

  const kind = probe.handler.kind;
  if (expected.handler !== undefined) {
    compare(kind === expected.handler, kind === 'unknown' ? `${field} has no handler` : `${field} uses ${kind}`, expected.handler);
  }
  if (expected.command !== undefined) {
    if (probe.handler.kind === 'exec') {
      const command = probe.handler.exec.command ?? [];
      const same = command.length === expected.command.length && command.every((part, i) => part === expected.command![i]);
      compare(same, `${field}.exec.command is ${formatCommand(command)}`, formatCommand(expected.command));
    } else {
      problems.push(`${field} runs no command (it uses ${kind}), expected exec ${formatCommand(expected.command)}`);
    }
  }
  if (expected.path !== undefined) {
    if (probe.handler.kind === 'httpGet') compare(probe.handler.httpGet.path === expected.path, `${field}.httpGet.path is ${probe.handler.httpGet.path}`, expected.path);
    else problems.push(`${field} has no HTTP path (it uses ${kind}), expected httpGet ${expected.path}`);
  }
  if (expected.port !== undefined) {
    const port = portOf(written);
    if (port === undefined) problems.push(`${field} has no port (it uses ${kind}), expected port ${String(expected.port)}`);
    else {
      const resolved = typeof port === 'string' ? resolvePort(port, container) : undefined;
      compare(samePort(port, expected.port, container), `${field} port is ${String(port)}${resolved === undefined ? '' : ` (${String(resolved)})`}`, String(expected.port));
    }
  }
  for (const key of TIMING) {
    const want = expected[key];
    if (want === undefined) continue;
    // SetDefaults_Probe (pkg/apis/core/v1/defaults.go) also replaces an explicit 0 for all but initialDelaySeconds.
    const note = written[key] === undefined ? ' (not set, so the default)' : written[key] === 0 && key !== 'initialDelaySeconds' ? ' (0 means the default)' : '';
    compare(probe[key] === want, `${field}.${key} is ${String(probe[key])}${note}`, String(want));
  }
  if (problems.length > 0) return fail(where + problems.join('; '));
  return pass(where + (seen.length > 0 ? seen.join('; ') : `container ${container.name} has a ${field}`));
}

export function checkReadinessGates(gates: string[], spec: PodSpec): Outcome {
  const declared = new Set((spec.readinessGates ?? []).map((gate) => gate.conditionType));
  const missing = gates.filter((gate) => !declared.has(gate));
  if (missing.length > 0) return fail(`readinessGates lacks ${missing.join(', ')}`);
  return pass(`readinessGates has ${gates.join(', ')}`);
}

/** Init containers run one at a time in spec order, so the order is part of the answer. */
export function checkInitContainers(names: string[], spec: PodSpec): Outcome {
  const declared = (spec.initContainers ?? []).map((c) => c.name);
  const missing = names.filter((name) => !declared.includes(name));
  if (missing.length > 0) return fail(`initContainers lacks ${missing.join(', ')}${declared.length > 0 ? ` (has ${declared.join(', ')})` : ''}`);
  const order = names.map((name) => declared.indexOf(name));
  if (order.some((position, i) => i > 0 && position < order[i - 1]!)) {
    return fail(`initContainers run in the order ${declared.join(', ')}, expected ${names.join(' before ')}`);
  }
  return pass(`initContainers ${declared.join(', ')}`);
}

export function checkLifecycle(check: LifecycleCheck, spec: PodSpec): Outcome {
  const hooks = (['postStart', 'preStop'] as const).filter((hook) => check.lifecycle[hook] !== undefined);
  const found = containerFor(spec, check.container, (c) => hooks.some((hook) => c.lifecycle?.[hook] !== undefined), `${hooks.join(' or ')} hook`);
  if ('passed' in found) return found;
  const { container } = found;
  const problems: string[] = [];
  const seen: string[] = [];
  for (const hook of hooks) {
    const handler = container.lifecycle?.[hook];
    const kind = handler ? hookKind(handler) : undefined;
    if (!handler) problems.push(`no ${hook} hook on container ${container.name}`);
    else if (kind !== check.lifecycle[hook]) problems.push(`${hook} hook uses ${kind ?? 'no handler'}, expected ${check.lifecycle[hook]!}`);
    else seen.push(`${hook} ${kind}`);
  }
  if (problems.length > 0) return fail(problems.join('; '));
  return pass(`container ${container.name} has ${seen.join(' and ')}`);
}

export function checkGracePeriod(expected: number, spec: PodSpec): Outcome {
  const actual = podGracePeriodSeconds(spec);
  const note = spec.terminationGracePeriodSeconds === undefined ? ' (not set, so the default)' : '';
  const is = `terminationGracePeriodSeconds is ${String(actual)}${note}`;
  return actual === expected ? pass(is) : fail(`${is}, expected ${String(expected)}`);
}
