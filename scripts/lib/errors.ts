import { FixableError } from '@cruddur/trace-contract';

/** The failure line's format lives in the contract: the inspector writes it too, and local mode reads it back. */
export { failureLine, failureParts, parseFailureLine, type TaskFailure } from '@cruddur/trace-contract';

/**
 * The one error type scripts throw on purpose: what went wrong (`problem`) and what to do (`fix`).
 * Only the CLI edge prints it, as one line.
 */
export class ToolkitError extends FixableError {
  constructor(
    problem: string,
    fix: string,
    /** The process exit code the CLI edge returns. */
    readonly exitCode = 1,
  ) {
    super(problem, fix);
    this.name = 'ToolkitError';
  }
}
