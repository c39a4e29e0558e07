// Process exit codes, documented in the README ("Exit codes").
export const EXIT = {
  ok: 0,
  /** A lab or check failed. */
  failed: 1,
  /** Bad input or configuration: a lab file, a flag, a kubeconfig. */
  badInput: 2,
  /** The cluster is unreachable, forbidden, or the context is refused by the guard. */
  cluster: 3,
  /** Interrupted (Ctrl-C / SIGTERM), after cleanup. */
  interrupted: 130,
} as const;

/** An error the CLI prints as one message (no stack) and turns into an exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
  }
}
