// The lab file format, probelab.dev/v1, as zod schemas. They are the single source of the
// TypeScript types, of validation (src/lab/load.ts turns their issues into file:line:col errors)
// and of the JSON Schema editors use (`probelab schema`). Objects are strict: an unknown key is
// an error, because a typo in a lab file would otherwise silently weaken a check.

import * as z from 'zod';
import type { English } from '../i18n/local-text.js';
import { DURATION_PATTERN } from './duration.js';

const text = (what: string) => z.string().min(1, { error: `expected ${what}, got an empty string` });

/** Text a learner reads: one string for everyone, or one per language (English required). */
const localised = (what: string, description: string) =>
  z
    .union([
      text(what),
      z
        .strictObject({ en: text(`${what} in English`), ko: text(`${what} in Korean`).optional() })
        .meta({ description: 'One text per language: `en` (required; reports and JUnit use it) and `ko`. The learner reads the one --lang or the locale picks.' }),
    ])
    .meta({ description: `${description} A string, or {en: …, ko: …}.` });

export const Duration = z
  .string()
  .regex(DURATION_PATTERN, { error: 'expected a duration like "30s", "4m" or "1m30s"' })
  .meta({ description: 'A duration: "500ms", "30s", "4m", "1m30s", "1h".' });

export const Within = z
  .string()
  .regex(/^(auto|(\d+(ms|s|m|h))+)$/, { error: 'expected "auto" or a duration like "30s"' })
  .meta({ description: 'Deadline, counted from the start of the step: a duration, or "auto" to take the probe-timing oracle\'s latest time plus slack.' });

const Ratio = z.string().regex(/^\d+\/\d+$/, { error: 'expected "N/M"' });

const Name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'expected a Kubernetes object name (lowercase letters, digits, "-", ".")' });

const LabelSelector = z
  .string()
  .regex(/^[A-Za-z0-9._/-]+(!?=|==)[A-Za-z0-9._-]*(,\s*[A-Za-z0-9._/-]+(!?=|==)[A-Za-z0-9._-]*)*$/, {
    error: 'expected a label selector like "app=web" or "app=web,tier!=db"',
  });

export const PodName = z
  .string()
  .regex(/^(\$[a-z][A-Za-z0-9_-]*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/, { error: 'expected a pod name or an alias like "$picked"' })
  .meta({ description: 'A pod name, or "$picked" (the pod an earlier action picked), or "$alias" (an `as:` name).' });

export const PodSelector = z
  .strictObject({
    selector: LabelSelector,
    pick: z.enum(['first', 'last', 'random']).default('first').meta({ description: 'Which matching pod to act on (by name order). The pod becomes $picked.' }),
  })
  .meta({ description: 'Pick one running pod by label selector.' });

export const PodRef = z.union([PodName, PodSelector]);

const Regexish = z
  .string()
  .min(1)
  .meta({ description: 'A substring, or a regular expression written between slashes: "/Readiness probe failed/".' });

const Signal = z.enum(['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGKILL', 'SIGSTOP', 'SIGCONT', 'SIGHUP', 'SIGINT', 'SIGQUIT']);

// ── actions ────────────────────────────────────────────────────────────────────────────────────

const Remember = z
  .string()
  .regex(/^[a-z][A-Za-z0-9_-]*$/, { error: 'expected an alias name like "victim" (used later as "$victim")' })
  .meta({ description: 'Also remember the pod as $<as> for later steps.' });

export const ExecAction = z.strictObject({
  exec: z.strictObject({
    pod: PodRef,
    container: Name.optional(),
    command: z.array(z.string()).min(1, { error: 'expected a non-empty command, e.g. [rm, /tmp/healthy]' }),
    expectExit: z.int().min(0).max(255).default(0).meta({ description: 'The exit code the command must return (default 0).' }),
    expectOutput: Regexish.optional().meta({ description: 'stdout must contain this (substring or /regex/).' }),
    timeout: Duration.optional(),
    as: Remember.optional(),
  }),
});

export const SignalAction = z.strictObject({
  signal: z.strictObject({
    pod: PodRef,
    container: Name.optional(),
    signal: Signal,
    as: Remember.optional(),
  }).meta({ description: 'Send a signal to PID 1 of the container (exec of `kill -s SIG 1`).' }),
});

const ConditionStatus = z.enum(['True', 'False', 'Unknown']);

export const PodConditionSpec = z.strictObject({
  type: text('a condition type, e.g. example.com/feature-1'),
  status: ConditionStatus,
  reason: z.string().optional(),
  message: z.string().optional(),
});

const JsonPatchOp = z.strictObject({
  op: z.enum(['add', 'replace', 'remove', 'test']),
  path: z.string().regex(/^\/status(\/|$)/, { error: 'expected a JSON pointer under /status, e.g. "/status/conditions/-"' }),
  value: z.unknown().optional(),
});

export const PatchStatusAction = z.strictObject({
  patchStatus: z.union([
    z.strictObject({ pod: PodRef, condition: PodConditionSpec }).meta({ description: 'Set one pod condition, keyed by type (idempotent).' }),
    z.strictObject({ pod: PodRef, jsonPatch: z.array(JsonPatchOp).min(1) }).meta({ description: 'A literal JSON patch on the status subresource, as the tutorial sends with curl.' }),
  ]),
});

export const DeleteAction = z.strictObject({
  delete: z.union([
    z.strictObject({ pod: PodRef, gracePeriodSeconds: z.int().min(0).optional(), as: Remember.optional() }),
    z.strictObject({
      object: z.string().regex(/^[A-Za-z]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'expected "Kind/name", e.g. "Service/web"' }),
      gracePeriodSeconds: z.int().min(0).optional(),
    }),
  ]),
});

export const ScaleAction = z.strictObject({
  scale: z.strictObject({ deployment: Name, replicas: z.int().min(0) }),
});

export const ApplyAction = z.strictObject({
  apply: text('a manifest path').meta({ description: 'A manifest file, relative to the lab file, applied into the lab namespace.' }),
});

export const SleepAction = z.strictObject({ sleep: Duration });

export const Action = z.union([ApplyAction, ExecAction, SignalAction, PatchStatusAction, DeleteAction, ScaleAction, SleepAction]);

// ── expectations ───────────────────────────────────────────────────────────────────────────────

const Count = z.int().min(0);
const AtLeast = z.strictObject({ atLeast: Count });

const Common = {
  within: Within.optional(),
  optional: z.boolean().optional().meta({ description: 'In a sequence: this state may be skipped (the cluster can pass through it faster than a watch sees).' }),
};

export const PodExpectation = z.strictObject({
  pod: PodRef,
  container: Name.optional().meta({ description: 'For restarts / started / lastState / terminated: which container (default: the first).' }),
  ready: Ratio.optional().meta({ description: 'The READY column, e.g. "0/1".' }),
  status: text('a STATUS column value').optional().meta({ description: 'The STATUS column as kubectl prints it: Running, Init:1/2, CrashLoopBackOff, Terminating … (or /regex/).' }),
  restarts: z
    .union([Count, z.strictObject({ increase: z.int().min(1) }), AtLeast])
    .optional()
    .meta({ description: 'The RESTARTS column: an exact number, {increase: N} since the step started, or {atLeast: N}.' }),
  started: z.boolean().optional().meta({ description: "The container's `started` flag (false while a startup probe has not passed)." }),
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']).optional(),
  conditions: z.record(z.string(), ConditionStatus).optional().meta({ description: 'Pod conditions by type, e.g. {Ready: "False", ContainersReady: "True"}.' }),
  readinessGates: Ratio.optional().meta({ description: 'The READINESS GATES column of `kubectl get pod -o wide`, e.g. "1/1".' }),
  lastState: z
    .strictObject({ reason: z.string().optional(), exitCode: z.int().optional() })
    .optional()
    .meta({ description: "The container's last terminated state, e.g. {reason: Error, exitCode: 137}." }),
  terminated: z
    .strictObject({ reason: z.string().optional(), exitCode: z.int().optional() })
    .optional()
    .meta({ description: "The container's current state is terminated, e.g. {reason: Error, exitCode: 137}: it ended and was not (yet) restarted, as under restartPolicy Never." }),
  gone: z.literal(true).optional().meta({ description: 'The pod no longer exists.' }),
  ...Common,
});

export const DeploymentExpectation = z.strictObject({
  deployment: Name,
  replicas: Count.optional(),
  ready: Count.optional(),
  available: Count.optional(),
  unavailable: Count.optional(),
  ...Common,
});

const Members = z.union([Count, z.array(PodName).min(1)]).meta({ description: 'A number of endpoints, or pods (names or aliases) that must be among them.' });

export const EndpointsExpectation = z.strictObject({
  endpoints: Name.meta({ description: "The Service whose endpoints (EndpointSlices, or core Endpoints where there are none) are checked." }),
  ready: Members.optional(),
  notReady: Members.optional(),
  terminating: Members.optional(),
  absent: z.array(PodName).min(1).optional().meta({ description: 'Pods that must not be endpoints of the Service at all.' }),
  ...Common,
});

export const EventExpectation = z.strictObject({
  event: z.strictObject({
    reason: text('an event reason, e.g. Unhealthy'),
    type: z.enum(['Normal', 'Warning']).optional(),
    message: Regexish.optional(),
    object: PodRef.optional().meta({ description: 'The involved pod (default: any object in the namespace).' }),
    count: z.union([Count, AtLeast]).optional().meta({ description: 'At least this many occurrences (event counts summed), counted from the start of the step.' }),
  }),
  ...Common,
});

export const Expectation = z.union([PodExpectation, DeploymentExpectation, EndpointsExpectation, EventExpectation]);

// ── steps and verify ───────────────────────────────────────────────────────────────────────────

export const Step = z.strictObject({
  name: localised('a step name', 'What the step does, shown in its checklist.'),
  do: z.array(Action).optional().meta({ description: 'Actions run in order at the start of the step.' }),
  expect: z.array(Expectation).optional().meta({ description: 'Each must be observed (in any order) before the deadline.' }),
  sequence: z.array(Expectation).optional().meta({ description: 'States that must be observed in this order.' }),
  never: z.array(Expectation).optional().meta({ description: 'States that must not occur while the step runs.' }),
  within: Within.optional().meta({ description: 'Deadline for the whole step (default: "auto").' }),
  hold: Duration.optional().meta({ description: 'After every expectation is met, keep checking `never` for this long before the step passes.' }),
  explain: localised('the step\'s explanation', 'Markdown shown when the step has run: why this happened.').optional(),
});

const ProbeKind = z.enum(['liveness', 'readiness', 'startup']);
const CheckBase = {
  name: localised('a check name', 'What the student sees; derived from the check when absent.').optional(),
  points: z.int().min(0).default(1),
  container: Name.optional(),
};

export const ProbeCheck = z.strictObject({
  probe: z.strictObject({
    kind: ProbeKind,
    handler: z.enum(['exec', 'httpGet', 'tcpSocket', 'grpc']).optional(),
    command: z.array(z.string()).optional(),
    path: z.string().optional(),
    port: z.union([z.int(), z.string()]).optional(),
    initialDelaySeconds: Count.optional(),
    periodSeconds: Count.optional(),
    timeoutSeconds: Count.optional(),
    successThreshold: Count.optional(),
    failureThreshold: Count.optional(),
  }),
  ...CheckBase,
});

export const ReadinessGatesCheck = z.strictObject({ readinessGates: z.array(z.string()).min(1), ...CheckBase });
export const InitContainersCheck = z.strictObject({ initContainers: z.array(Name).min(1), ...CheckBase });
export const LifecycleCheck = z.strictObject({
  lifecycle: z.strictObject({ postStart: z.enum(['exec', 'httpGet', 'tcpSocket', 'sleep']).optional(), preStop: z.enum(['exec', 'httpGet', 'tcpSocket', 'sleep']).optional() }),
  ...CheckBase,
});
export const GracePeriodCheck = z.strictObject({ terminationGracePeriodSeconds: Count, ...CheckBase });
export const ObjectCheck = z.strictObject({
  object: z.string().regex(/^[A-Za-z]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'expected "Kind/name", e.g. "Service/web"' }),
  ...CheckBase,
});
export const ObservedCheck = z.strictObject({
  observed: z.strictObject({
    restarts: z.union([Count, AtLeast]).optional(),
    ready: Ratio.optional(),
    lastState: z.strictObject({ reason: z.string().optional(), exitCode: z.int().optional() }).optional(),
    event: z.strictObject({ reason: text('an event reason'), message: Regexish.optional() }).optional(),
  }).meta({ description: "Behaviour read from the target pod's status and events." }),
  ...CheckBase,
});

export const Check = z.union([ProbeCheck, ReadinessGatesCheck, InitContainersCheck, LifecycleCheck, GracePeriodCheck, ObjectCheck, ObservedCheck]);

export const Verify = z.strictObject({
  target: z.union([z.strictObject({ pod: Name }), z.strictObject({ deployment: Name })]).meta({ description: "The student's object whose pod spec is checked." }),
  checks: z.array(Check).min(1),
});

export const Exercise = z.strictObject({
  start: z.array(text('a manifest path')).min(1).meta({ description: 'The starting manifests handed to the student (probe missing).' }),
  solution: z.array(text('a manifest path')).min(1).meta({ description: 'A correct solution; `probelab verify` must pass on it.' }),
  task: localised('the task', 'What the student is asked to do, printed by `probelab exercise start`: short, concrete, with the values to use.'),
});

export const Lab = z.strictObject({
  $schema: z.string().optional(),
  apiVersion: z.literal('probelab.dev/v1'),
  kind: z.literal('Lab'),
  metadata: z.strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, { error: 'expected a lab name of lowercase letters, digits and "-" (at most 40)' }),
    title: localised('a title', 'What the lab shows, in one line.'),
    tutorial: z.string().optional().meta({ description: 'The tutorial scenario this lab turns into a check.' }),
    tags: z.array(z.string()).optional(),
  }),
  spec: z.strictObject({
    learn: localised('the learning text', 'Markdown shown before the run: what to notice and why.'),
    explain: localised('the explanation', 'Markdown shown after the run: what happened.').optional(),
    manifests: z.array(text('a manifest path')).min(1).meta({ description: 'Manifest files relative to the lab file, applied into a fresh namespace.' }),
    timeout: Duration.default('5m'),
    steps: z.array(Step).min(1),
    verify: Verify.optional(),
    exercise: Exercise.optional(),
  }),
});

/** A lab file as written: learner texts may be localised. Only the loader reads this. */
export type LabFile = z.infer<typeof Lab>;
/** The lab everything else reads: each localised text as its English (LoadedLab.texts keeps the rest). */
export type Lab = English<LabFile>;
export type Step = English<z.infer<typeof Step>>;
export type Action = z.infer<typeof Action>;
export type Expectation = z.infer<typeof Expectation>;
export type PodExpectation = z.infer<typeof PodExpectation>;
export type DeploymentExpectation = z.infer<typeof DeploymentExpectation>;
export type EndpointsExpectation = z.infer<typeof EndpointsExpectation>;
export type EventExpectation = z.infer<typeof EventExpectation>;
export type PodRef = z.infer<typeof PodRef>;
export type Check = English<z.infer<typeof Check>>;
export type Verify = English<z.infer<typeof Verify>>;
export type Exercise = English<z.infer<typeof Exercise>>;
export type PodConditionSpec = z.infer<typeof PodConditionSpec>;

/** Every key the format knows, for "did you mean" on unknown keys. */
export function knownKeys(): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) for (const key of Object.keys(properties)) keys.add(key);
    for (const value of Object.values(node)) visit(value);
  };
  visit(labJsonSchema());
  return keys;
}

export function labJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Lab, { io: 'input', unrepresentable: 'any', reused: 'ref' }),
    $id: 'https://probelab.dev/schemas/lab-v1.json',
    title: 'probelab lab (probelab.dev/v1)',
  };
}
