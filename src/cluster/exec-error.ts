// Why an exec did not produce an exit code (or produced one that means "not found").

import { EXIT, UserError } from '../exit-codes.js';
import type { ExecResult } from './port.js';
import { redact } from './redact.js';

export type ExecFailure =
  | 'pod-not-found'
  | 'container-not-found'
  | 'container-not-running'
  | 'command-not-found'
  | 'no-kill'
  | 'timeout'
  | 'connection'
  | 'failed';

export class ExecError extends UserError {
  constructor(
    readonly failure: ExecFailure,
    message: string,
    /** Set when the command did run (exit 126/127, a failed kill). */
    readonly result?: ExecResult,
  ) {
    super(redact(message), failure === 'connection' ? EXIT.cluster : EXIT.failed);
  }
}
