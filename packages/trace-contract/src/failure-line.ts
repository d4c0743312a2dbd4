/**
 * The toolkit's failure line, `<problem> — fix: <fix>`: every process (the scripts, the inspector)
 * ends a failure with one, and local mode's start reads a child's last one back from its log.
 */
import { stripVTControlCharacters } from 'node:util';

/** A failure that knows its cause (`problem`) and what to do (`fix`); only a CLI edge prints it. */
export class FixableError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} — ${fix}`);
    this.name = 'FixableError';
  }
}

/** The cause and fix of any error. Unknown errors are named as bugs, with where to report them. */
export function failureParts(err: unknown): TaskFailure {
  if (err instanceof FixableError) return { problem: err.problem, fix: err.fix };
  const text = err instanceof Error ? err.message : String(err);
  return {
    problem: `unexpected error: ${text}`,
    fix: 'rerun with DEBUG=1 for details, and open an issue if it persists',
  };
}

/** `<problem> — fix: <fix>`: the form every failure line has, whoever prints it. */
export function formatFailureLine({ problem, fix }: TaskFailure): string {
  return `${problem} — fix: ${fix}`;
}

/** The single line a failure ends with. */
export function failureLine(err: unknown): string {
  return formatFailureLine(failureParts(err));
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
