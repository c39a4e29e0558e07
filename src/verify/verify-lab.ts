// Grades one student's answer to one lab: each `verify` check against the evidence read from the
// namespace, with points, a pass/fail and a reason that says what to fix. Pure.

import type { Check, Verify } from '../lab/schema.js';
import type { PodSpec } from '../model/kube.js';
import { checkName } from './check-names.js';
import { podSpecOf, targetKind, targetName, type Evidence } from './evidence.js';
import { checkObserved } from './observed-checks.js';
import { checkGracePeriod, checkInitContainers, checkLifecycle, checkProbe, checkReadinessGates, type Outcome } from './spec-checks.js';

export interface CheckResult {
  name: string;
  points: number;
  passed: boolean;
  /** Why it failed (what to fix), or what was found when it passed. */
  reason: string;
}

export interface Score {
  earned: number;
  total: number;
  passed: number;
  failed: number;
}

export function verifyLab(verify: Verify, evidence: Evidence): CheckResult[] {
  const kind = targetKind(verify.target);
  const name = targetName(verify.target);
  const target = evidence.target;
  const spec = target ? podSpecOf(target, kind) : undefined;
  const missing = !target
    ? `${kind.toLowerCase()} ${name} not found in namespace ${evidence.namespace}`
    : !spec
      ? `${kind.toLowerCase()} ${name} has no pod spec`
      : undefined;
  return verify.checks.map((check) => {
    const outcome: Outcome = missing !== undefined ? { passed: false, reason: missing } : runCheck(check, spec!, evidence, `${kind.toLowerCase()} ${name}`);
    return { name: checkName(check), points: check.points, ...outcome };
  });
}

function runCheck(check: Check, spec: PodSpec, evidence: Evidence, owner: string): Outcome {
  if ('probe' in check) return checkProbe(check, spec);
  if ('readinessGates' in check) return checkReadinessGates(check.readinessGates, spec);
  if ('initContainers' in check) return checkInitContainers(check.initContainers, spec);
  if ('lifecycle' in check) return checkLifecycle(check, spec);
  if ('terminationGracePeriodSeconds' in check) return checkGracePeriod(check.terminationGracePeriodSeconds, spec);
  if ('object' in check) {
    const [kind, name] = check.object.split('/') as [string, string];
    const found = evidence.objects.some((o) => o.kind?.toLowerCase() === kind.toLowerCase() && o.metadata.name === name);
    return found ? { passed: true, reason: `${check.object} exists` } : { passed: false, reason: `${check.object} not found in namespace ${evidence.namespace}` };
  }
  return checkObserved(check, evidence.pods, evidence.events, spec, owner);
}

export function scoreOf(results: readonly CheckResult[]): Score {
  const earned = results.reduce((sum, r) => sum + (r.passed ? r.points : 0), 0);
  const total = results.reduce((sum, r) => sum + r.points, 0);
  const passed = results.filter((r) => r.passed).length;
  return { earned, total, passed, failed: results.length - passed };
}

/** Whole percent, rounded down so that 100% means every point. */
export function percentOf(score: Score): number {
  if (score.total === 0) return score.failed === 0 ? 100 : 0;
  return Math.floor((100 * score.earned) / score.total);
}
