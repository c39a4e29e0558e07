// The probe fields the API server fills in when a manifest leaves them out, so the oracle reasons
// about the probe the kubelet actually runs. Source: kubernetes pkg/apis/core/v1/defaults.go
// (SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_PodSpec) and
// DefaultTerminationGracePeriodSeconds in k8s.io/api/core/v1/types.go.

import type { ExecAction, GRPCAction, HTTPGetAction, PodSpec, Probe, TCPSocketAction } from '../model/kube.js';

export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
} as const;

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

export type ProbeHandler =
  | { kind: 'exec'; exec: ExecAction }
  | { kind: 'httpGet'; httpGet: Required<Pick<HTTPGetAction, 'path' | 'scheme'>> & HTTPGetAction }
  | { kind: 'tcpSocket'; tcpSocket: TCPSocketAction }
  | { kind: 'grpc'; grpc: Required<GRPCAction> }
  | { kind: 'unknown' };

/** A probe with every timing field set, as the API server stores it. */
export interface EffectiveProbe {
  handler: ProbeHandler;
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** Probe-level override of the pod's grace period for kills this probe causes (liveness, startup). */
  terminationGracePeriodSeconds?: number;
}

// SetDefaults_Probe replaces zero as well as absent values: `periodSeconds: 0` means 10.
function orDefault(value: number | undefined, fallback: number): number {
  return value === undefined || value === 0 ? fallback : value;
}

export function effectiveProbe(probe: Probe): EffectiveProbe {
  const effective: EffectiveProbe = {
    handler: effectiveHandler(probe),
    initialDelaySeconds: probe.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds,
    timeoutSeconds: orDefault(probe.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds),
    periodSeconds: orDefault(probe.periodSeconds, PROBE_DEFAULTS.periodSeconds),
    successThreshold: orDefault(probe.successThreshold, PROBE_DEFAULTS.successThreshold),
    failureThreshold: orDefault(probe.failureThreshold, PROBE_DEFAULTS.failureThreshold),
  };
  if (probe.terminationGracePeriodSeconds !== undefined) effective.terminationGracePeriodSeconds = probe.terminationGracePeriodSeconds;
  return effective;
}

function effectiveHandler(probe: Probe): ProbeHandler {
  if (probe.exec) return { kind: 'exec', exec: probe.exec };
  if (probe.httpGet) {
    // SetDefaults_HTTPGetAction: empty path is "/", empty scheme is HTTP.
    return { kind: 'httpGet', httpGet: { ...probe.httpGet, path: probe.httpGet.path || '/', scheme: probe.httpGet.scheme || 'HTTP' } };
  }
  if (probe.tcpSocket) return { kind: 'tcpSocket', tcpSocket: probe.tcpSocket };
  // The stored GRPCAction carries `service: ""` when the manifest leaves it out (the API's +default).
  if (probe.grpc) return { kind: 'grpc', grpc: { port: probe.grpc.port, service: probe.grpc.service ?? '' } };
  return { kind: 'unknown' };
}

/** The pod's grace period: spec.terminationGracePeriodSeconds, defaulted by SetDefaults_PodSpec. */
export function podGracePeriodSeconds(spec: Pick<PodSpec, 'terminationGracePeriodSeconds'>): number {
  return spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
}
