// The name a check shows when the lab gives it none: what it checks, in the lab file's own terms
// ("liveness probe periodSeconds"), so a student can find the field to change.

import type { Check } from '../lab/schema.js';

const PROBE_KEYS = ['handler', 'command', 'path', 'port', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;

export function checkName(check: Check): string {
  if (check.name !== undefined && check.name.trim() !== '') return check.name;
  const on = check.container ? ` (container ${check.container})` : '';
  if ('probe' in check) {
    const keys = PROBE_KEYS.filter((key) => check.probe[key] !== undefined);
    return `${check.probe.kind} probe${keys.length > 0 ? ` ${keys.join(', ')}` : ''}${on}`;
  }
  if ('readinessGates' in check) return `readiness gates ${check.readinessGates.join(', ')}`;
  if ('initContainers' in check) return `init containers ${check.initContainers.join(', ')}`;
  if ('lifecycle' in check) {
    const hooks = (['postStart', 'preStop'] as const).filter((hook) => check.lifecycle[hook] !== undefined);
    return `lifecycle ${hooks.map((hook) => `${hook} ${check.lifecycle[hook]!}`).join(', ')}${on}`;
  }
  if ('terminationGracePeriodSeconds' in check) return `terminationGracePeriodSeconds ${String(check.terminationGracePeriodSeconds)}`;
  if ('object' in check) return `${check.object} exists`;
  const observed = check.observed;
  const parts = [
    observed.restarts === undefined ? undefined : typeof observed.restarts === 'number' ? `RESTARTS ${String(observed.restarts)}` : `RESTARTS ≥ ${String(observed.restarts.atLeast)}`,
    observed.ready === undefined ? undefined : `READY ${observed.ready}`,
    observed.lastState === undefined ? undefined : `last state ${[observed.lastState.reason, observed.lastState.exitCode].filter((v) => v !== undefined).join(' ')}`,
    observed.event === undefined ? undefined : `${observed.event.reason} event`,
  ].filter((part): part is string => part !== undefined);
  return `observed ${parts.join(', ')}${on}`;
}
