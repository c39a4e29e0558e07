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

import { dirname, join } from 'node:path';
import { podConditionPatch } from '../cluster/status-patch.js';
import type { PodConditionPatch } from '../cluster/port.js';
import { parseDuration } from '../lab/duration.js';
import type { ActionObservation } from '../model/observation.js';

export interface CommandPlace {
  namespace: string;
  /** The lab file as the user named it: `apply` paths are relative to its directory. */
  labFile?: string;
}

/** The command as arguments; undefined when the observation lacks what it needs (no pod). */
export function actionArgv(action: ActionObservation, place: CommandPlace): string[] | undefined {
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
      const file = String(detail.file);
      return kubectl('apply', '--server-side', '--field-manager=probelab', '--force-conflicts', '-f', place.labFile ? join(dirname(place.labFile), file) : file);
    }
    case 'sleep':
      return ['sleep', String(parseDuration(String(detail.duration)) / 1000)];
  }
}

/** The command on one line, quoted for a POSIX shell. */
export function actionCommand(action: ActionObservation, place: CommandPlace): string | undefined {
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
