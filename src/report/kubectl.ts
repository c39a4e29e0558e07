// The kubectl command that does what a lab action did, so a learner can read, copy and type it as
// the tutorials do. Built from the action as it happened (ActionObservation): a pod picked by a
// selector appears by the name that was picked. Each command matches the API call probelab made:
//   - exec and signal are a pods/exec without stdin; a signal is `kill -s USR1 1` in the
//     container (src/cluster/exec.ts sends the name without SIG, which every kill accepts);
//   - patchStatus goes to the status subresource (--subresource needs kubectl 1.24 or later): a
//     condition as a strategic merge patch keyed by type, a jsonPatch as it is written;
//   - delete returns at once (--wait=false), with background propagation (kubectl's default);
//     kubectl turns --grace-period=0 into 1 unless --force is given, so 0 comes with --force;
//   - apply is server-side with probelab's field manager and force, as src/cluster/apply.ts does.
// `sleep` has no kubectl equivalent: it is the shell's sleep.
// In hands-on mode the learner runs a lab action that has not run yet (learnerArgv): the same
// command, on the pod the learner chooses, except `apply`, typed as the tutorials type it.

import { dirname, join } from 'node:path';
import { podConditionPatch } from '../cluster/status-patch.js';
import type { PodConditionPatch } from '../cluster/port.js';
import { parseDuration } from '../lab/duration.js';
import type { Action } from '../lab/schema.js';
import type { ActionObservation } from '../model/observation.js';

export interface CommandPlace {
  namespace: string;
  /** The lab file as the user named it: `apply` paths are relative to its directory. */
  labFile?: string;
}

/** What a command is made from: an action as it happened, or as a learner is about to do it. */
export type CommandAction = Omit<ActionObservation, 'at' | 'exitCode' | 'stdout' | 'stderr'>;

/** The command as arguments; undefined when the observation lacks what it needs (no pod). */
export function actionArgv(action: CommandAction, place: CommandPlace): string[] | undefined {
  const kubectl = (...args: string[]) => ['kubectl', '-n', place.namespace, ...args];
  const detail = action.detail ?? {};
  const inPod = (command: string[]) => (action.pod === undefined ? undefined : kubectl('exec', action.pod, ...(action.container ? ['-c', action.container] : []), '--', ...command));
  switch (action.action) {
    case 'exec':
      return inPod(action.command ?? []);
    case 'signal': {
      const signal = action.command?.[2] ?? String(detail.signal ?? '');
      return inPod(['kill', '-s', signal.replace(/^SIG/, ''), '1']);
    }
    case 'patchStatus': {
      if (action.pod === undefined) return undefined;
      const condition = detail.condition as PodConditionPatch | undefined;
      const [type, patch] = condition ? ['strategic', podConditionPatch(condition)] : ['json', action.patch];
      return kubectl('patch', 'pod', action.pod, '--subresource=status', `--type=${type}`, '-p', JSON.stringify(patch));
    }
    case 'delete': {
      const grace = typeof detail.gracePeriodSeconds === 'number' ? [`--grace-period=${detail.gracePeriodSeconds}`, ...(detail.gracePeriodSeconds === 0 ? ['--force'] : [])] : [];
      const target = action.pod !== undefined ? ['pod', action.pod] : typeof detail.object === 'string' ? [objectArgument(detail.object)] : undefined;
      return target && kubectl('delete', ...target, ...grace, '--wait=false');
    }
    case 'scale':
      return kubectl('scale', `deployment/${String(detail.deployment)}`, `--replicas=${String(detail.replicas)}`);
    case 'apply': {
      return kubectl('apply', '--server-side', '--field-manager=probelab', '--force-conflicts', '-f', manifestPath(String(detail.file), place));
    }
    case 'sleep':
      return ['sleep', String(parseDuration(String(detail.duration)) / 1000)];
  }
}

/**
 * The command a learner types for a lab action, run on `pod` (a selector's pick, a bound alias or
 * the named pod). `apply` is client-side, as in the tutorials: server-side apply with probelab's
 * field manager is how probelab keeps track of what it applied, not something to teach.
 */
export function learnerArgv(action: Action, pod: string | undefined, place: CommandPlace): string[] | undefined {
  if ('apply' in action) return ['kubectl', '-n', place.namespace, 'apply', '-f', manifestPath(action.apply, place)];
  return actionArgv(commandAction(action, pod), place);
}

/** A lab action in the shape of the observation it will make once done. */
function commandAction(action: Exclude<Action, { apply: string }>, pod: string | undefined): CommandAction {
  if ('sleep' in action) return { kind: 'action', action: 'sleep', detail: { duration: action.sleep } };
  if ('exec' in action) return { kind: 'action', action: 'exec', pod, container: action.exec.container, command: action.exec.command };
  if ('signal' in action) return { kind: 'action', action: 'signal', pod, container: action.signal.container, command: ['kill', '-s', action.signal.signal, '1'] };
  if ('patchStatus' in action) {
    const spec = action.patchStatus;
    return 'condition' in spec ? { kind: 'action', action: 'patchStatus', pod, detail: { condition: spec.condition } } : { kind: 'action', action: 'patchStatus', pod, patch: spec.jsonPatch };
  }
  if ('scale' in action) return { kind: 'action', action: 'scale', detail: { ...action.scale } };
  const spec = action.delete;
  const grace = spec.gracePeriodSeconds === undefined ? undefined : { gracePeriodSeconds: spec.gracePeriodSeconds };
  return 'pod' in spec ? { kind: 'action', action: 'delete', pod, detail: grace } : { kind: 'action', action: 'delete', detail: { object: spec.object, ...grace } };
}

/** An `apply` file as the lab names it (relative to the lab file), from where probelab was started. */
function manifestPath(file: string, place: CommandPlace): string {
  return place.labFile ? join(dirname(place.labFile), file) : file;
}

/** The command on one line, quoted for a POSIX shell. */
export function actionCommand(action: CommandAction, place: CommandPlace): string | undefined {
  const argv = actionArgv(action, place);
  return argv && commandLine(argv);
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

// Characters no POSIX shell treats specially anywhere in a word.
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a POSIX shell reads it back unchanged: bare when safe, else in single quotes. */
export function shellQuote(arg: string): string {
  return SAFE.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `Service/web` → `service/web`: kubectl's TYPE/NAME form, with the kind as a resource type. */
function objectArgument(object: string): string {
  const [kind, name] = object.split('/') as [string, string];
  return `${kind.toLowerCase()}/${name}`;
}
