// Pure parts of exec: which container a command runs in, whether it can run there, and what the
// status channel's metav1.Status means.

import type { Container, ContainerStatus, Pod } from '../model/kube.js';
import type { ExecResult } from './port.js';
import { ExecError } from './exec-error.js';

/** kubectl's rule (pkg/cmd/util/podcmd/podcmd.go): the default-container annotation, else the first container. */
export function defaultContainer(pod: Pod): string | undefined {
  return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers[0]?.name;
}

function describeState(status: ContainerStatus | undefined): string {
  const state = status?.state;
  if (state?.waiting) return `waiting${state.waiting.reason ? `: ${state.waiting.reason}` : ''}`;
  if (state?.terminated) {
    return `terminated${state.terminated.reason ? `: ${state.terminated.reason}` : ''}, exit code ${state.terminated.exitCode.toString()}`;
  }
  return 'no status yet';
}

/** The container to exec in; throws ExecError when it does not exist or is not running. */
export function checkExecTarget(pod: Pod, requested: string | undefined): string {
  const podName = pod.metadata.name;
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const name = requested ?? defaultContainer(pod);
  if (!name || !containers.some((container) => container.name === name)) {
    throw new ExecError(
      'container-not-found',
      `container "${name ?? ''}" is not in pod ${podName} (containers: ${containers.map((container) => container.name).join(', ') || 'none'})`,
    );
  }
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((entry) => entry.name === name);
  if (!status?.state?.running) {
    throw new ExecError(
      'container-not-running',
      `container ${name} of pod ${podName} is not running (${describeState(status)}; pod phase ${pod.status?.phase ?? 'unknown'})`,
    );
  }
  return name;
}

export interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** The runtime's own "not found" (containerd/runc: `exec: "x": executable file not found in $PATH`). */
const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH/i;

/**
 * The exit code from the status channel: Success → 0; NonZeroExitCode → the ExitCode cause
 * (kubelet pkg/kubelet/cri/streaming/remotecommand/httpstream.go, writeStatus); any other Failure
 * is an error of the exec itself. 126 and 127 are the shell's "cannot execute" / "not found".
 */
export function interpretExecStatus(
  status: ExecStatus,
  output: { stdout: string; stderr: string },
  target: { container: string; command: readonly string[] },
): ExecResult {
  const commandText = target.command.join(' ');
  let exitCode: number;
  if (status.status === 'Success') {
    exitCode = 0;
  } else if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((entry) => entry.reason === 'ExitCode');
    const parsed = Number.parseInt(cause?.message ?? '', 10);
    if (Number.isNaN(parsed)) throw new ExecError('failed', `exec in container ${target.container} failed: ${status.message ?? 'no exit code'}`);
    exitCode = parsed;
  } else {
    const message = status.message ?? status.reason ?? 'unknown failure';
    if (NOT_FOUND.test(message)) {
      throw new ExecError('command-not-found', `command not found in container ${target.container}: ${commandText} (${message})`);
    }
    throw new ExecError('failed', `exec of ${commandText} in container ${target.container} failed: ${message}`);
  }
  const result: ExecResult = { exitCode, ...output };
  if (exitCode === 126 || exitCode === 127) {
    const detail = output.stderr.trim() || `exit code ${exitCode.toString()}`;
    throw new ExecError('command-not-found', `command not found in container ${target.container}: ${commandText} (${detail})`, result);
  }
  return result;
}
