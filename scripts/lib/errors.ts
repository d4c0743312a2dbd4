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
