// How long a container takes to stop once the kubelet kills it (liveness or startup failure, or pod
// deletion). Source: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer and
// setTerminationGracePeriod:
// - the grace period is the pod's deletionGracePeriodSeconds when deleting, else the probe's own
//   terminationGracePeriodSeconds for a liveness/startup kill when set, else the pod's
//   terminationGracePeriodSeconds (30 s by default); a pod stopped as a whole (killPod, after a
//   probe kill under restartPolicy Never) gets the pod's;
// - the preStop hook runs first, inside the grace period (executePreStopHook stops waiting when the
//   grace period is over), and the whole seconds it took are subtracted;
// - at least minimumGracePeriodInSeconds (2 s) is left for the stop itself;
// - StopContainer sends SIGTERM and SIGKILLs after the remaining grace period. A process that exits
//   on SIGTERM stops at once; PID 1 that installs no SIGTERM handler ignores it (the kernel does not
//   apply default signal actions to a namespace's init process), so a shell as PID 1 waits out the
//   whole grace period and dies of SIGKILL (exit 137). A SIGSTOPped process cannot act on SIGTERM
//   either.

import type { Container, LifecycleHandler, PodSpec } from '../model/kube.js';
import { effectiveProbe, podGracePeriodSeconds } from './defaults.js';
import { MINIMUM_GRACE_PERIOD_MS } from './kubelet.js';
import { formatSeconds, term, type Term } from './window.js';

export type SigtermBehaviour = 'exits' | 'ignores' | 'unknown';

/** `stop`: the kubelet stops the whole pod without a deletion (restartPolicy Never after a probe kill). */
export type KillReason = 'liveness' | 'startup' | 'delete' | 'stop';

export interface StopInput {
  spec: PodSpec;
  container: Container;
  reason: KillReason;
  /** `kubectl delete --grace-period`; defaults to the pod's terminationGracePeriodSeconds. */
  deleteGraceSeconds?: number;
  /** What PID 1 does with SIGTERM; guessed from the command when omitted. */
  sigterm?: SigtermBehaviour;
  /** The fault SIGSTOPped the process: it cannot act on SIGTERM whatever its code says. */
  frozen?: boolean;
}

export function gracePeriodSeconds(input: Pick<StopInput, 'spec' | 'container' | 'reason' | 'deleteGraceSeconds'>): number {
  if (input.reason === 'delete') return input.deleteGraceSeconds ?? podGracePeriodSeconds(input.spec);
  if (input.reason === 'stop') return podGracePeriodSeconds(input.spec);
  const probe = input.reason === 'liveness' ? input.container.livenessProbe : input.container.startupProbe;
  const override = probe ? effectiveProbe(probe).terminationGracePeriodSeconds : undefined;
  return override ?? podGracePeriodSeconds(input.spec);
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/**
 * Guesses what PID 1 does with SIGTERM from the container's command: a shell running a script
 * ignores it unless the script traps it or execs the real program; anything else (including the
 * image's own entrypoint) is assumed to exit, which holds for nginx, etcd and servers that handle
 * SIGTERM, but not for a program that installs no handler: pass `sigterm` then.
 */
export function guessSigterm(container: Container): { behaviour: SigtermBehaviour; reason: string } {
  // Without `command`, `args` replaces the image's CMD; for images without an ENTRYPOINT (busybox,
  // alpine) the args are PID 1's argv.
  const argv = container.command ?? container.args ?? [];
  const program = argv[0]?.split('/').pop() ?? '';
  if (!SHELLS.has(program)) {
    return { behaviour: 'exits', reason: argv.length === 0 ? 'the image entrypoint as PID 1 exits on SIGTERM' : `${program} as PID 1 exits on SIGTERM` };
  }
  const script = argv.slice(1).join(' ');
  if (/\btrap\b/.test(script) || /(^|[;&|]\s*|-c\s+)exec\s/.test(script)) {
    return { behaviour: 'exits', reason: 'the shell script traps SIGTERM or execs its program' };
  }
  return { behaviour: 'ignores', reason: `${program} as PID 1 ignores SIGTERM` };
}

/** Terms for the stop: preStop hook, then SIGTERM until exit or SIGKILL. */
export function stopTerms(input: StopInput): Term[] {
  const graceMs = gracePeriodSeconds(input) * 1000;
  const hook = preStopWindow(input.container.lifecycle?.preStop, graceMs);
  const terms: Term[] = [];
  if (hook) terms.push(term(hook.text, hook.earliestMs, hook.latestMs));

  // killContainer subtracts the hook's whole seconds, then enforces the 2 s minimum.
  const remaining = (hookMs: number) => Math.max(graceMs - Math.floor(hookMs / 1000) * 1000, MINIMUM_GRACE_PERIOD_MS);
  const remainingMin = remaining(hook?.latestMs ?? 0);
  const remainingMax = remaining(hook?.earliestMs ?? 0);
  const graceText = `${formatSeconds(remainingMax)} grace period`;

  const guessed = guessSigterm(input.container);
  const behaviour = input.frozen ? 'ignores' : (input.sigterm ?? guessed.behaviour);
  const reason = input.frozen ? 'a stopped process cannot act on SIGTERM' : input.sigterm ? `PID 1 ${input.sigterm === 'exits' ? 'exits on' : input.sigterm === 'ignores' ? 'ignores' : 'may ignore'} SIGTERM` : guessed.reason;
  if (behaviour === 'exits') terms.push(term(`${reason}: stops at once`, 0));
  else if (behaviour === 'ignores') terms.push(term(`${reason}: SIGKILL after the ${graceText}`, remainingMin, remainingMax));
  else terms.push(term(`${reason}: up to the ${graceText}`, 0, remainingMax));
  return terms;
}

// executePreStopHook waits for the hook at most the grace period. Only a fixed sleep has a known
// length: the `sleep` action or an exec hook that just sleeps.
function preStopWindow(hook: LifecycleHandler | undefined, graceMs: number): Term | undefined {
  if (!hook) return undefined;
  const seconds = hook.sleep?.seconds ?? sleepSeconds(hook.exec?.command);
  if (seconds !== undefined) {
    const ms = Math.min(seconds * 1000, graceMs);
    return term(`preStop sleep ${formatSeconds(ms)}`, ms);
  }
  return term(`preStop hook, up to the ${formatSeconds(graceMs)} grace period`, 0, graceMs);
}

function sleepSeconds(command: string[] | undefined): number | undefined {
  if (!command) return undefined;
  const text = SHELLS.has(command[0]?.split('/').pop() ?? '') && command[1] === '-c' ? (command[2] ?? '') : command.join(' ');
  const match = /^\s*sleep\s+(\d+(?:\.\d+)?)\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}
