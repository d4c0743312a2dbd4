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

/** The single line a failure ends with. Unknown errors are named as bugs, with where to report them. */
export function failureLine(err: unknown): string {
  if (err instanceof ToolkitError) return `${err.problem} — fix: ${err.fix}`;
  const text = err instanceof Error ? err.message : String(err);
  return `unexpected error: ${text} — fix: rerun with DEBUG=1 for details, and open an issue if it persists`;
}

/** The cause and fix of a failure line, as `failureLine` writes it (a process's own last word). */
export interface TaskFailure {
  readonly problem: string;
  readonly fix: string;
}

const FAILURE_LINE = /^(?:✖ )?(.+?) — fix: (.+)$/;

/** The cause and fix in a line of output (colours and status-line codes aside), if it is a failure line. */
export function parseFailureLine(line: string): TaskFailure | undefined {
  const match = FAILURE_LINE.exec(stripVTControlCharacters(line).trim());
  return match ? { problem: match[1]!, fix: match[2]! } : undefined;
}
