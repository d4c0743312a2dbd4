import { stripVTControlCharacters } from 'node:util';

/**
 * The one error type scripts throw on purpose: what went wrong (`problem`) and what to do (`fix`).
 * Only the CLI edge prints it, as one line.
 */
export class ToolkitError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
    /** The process exit code the CLI edge returns. */
    readonly exitCode = 1,
  ) {
    super(`${problem} — ${fix}`);
    this.name = 'ToolkitError';
  }
}

/** The cause and fix of any error. Unknown errors are named as bugs, with where to report them. */
export function failureParts(err: unknown): TaskFailure {
  if (err instanceof ToolkitError) return { problem: err.problem, fix: err.fix };
  const text = err instanceof Error ? err.message : String(err);
  return { problem: `unexpected error: ${text}`, fix: 'rerun with DEBUG=1 for details, and open an issue if it persists' };
}

/** The single line a failure ends with. */
export function failureLine(err: unknown): string {
  const { problem, fix } = failureParts(err);
  return `${problem} — fix: ${fix}`;
}

/** The cause and fix of a failure, as `failureLine` writes them. */
export interface TaskFailure {
  readonly problem: string;
  readonly fix: string;
}

const FAILURE_LINE = /^(?:✖ )?(.+?) — fix: (.+)$/;

/**
 * The cause and fix in a line of output (colours and status-line codes aside), if it is a failure
 * line: how local mode learns why a background process it started died (the backend writes its own
 * line into its log; it has no report file). The task runner never reads output: see task-report.ts.
 */
export function parseFailureLine(line: string): TaskFailure | undefined {
  const match = FAILURE_LINE.exec(stripVTControlCharacters(line).trim());
  return match ? { problem: match[1]!, fix: match[2]! } : undefined;
}
