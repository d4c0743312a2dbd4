/**
 * How a process the task runner starts tells it why it failed, without the runner reading its
 * output: the runner names a private file in `CRUDDUR_TASK_REPORT`; a failing process writes this
 * JSON there instead of printing its own failure line. The toolkit's scripts and the backend do.
 */
import { writeFileSync } from 'node:fs';

export const TASK_REPORT_VARIABLE = 'CRUDDUR_TASK_REPORT';

export interface TaskReport {
  readonly cause: string;
  readonly fix: string;
  readonly exitCode: number;
}

export function serializeTaskReport({ cause, fix, exitCode }: TaskReport): string {
  return JSON.stringify({ cause, fix, exitCode });
}

/** The report in a file's text, if it is a well-formed one. */
export function parseTaskReport(text: string): TaskReport | undefined {
  try {
    const { cause, fix, exitCode } = (JSON.parse(text) ?? {}) as Partial<Record<keyof TaskReport, unknown>>;
    return typeof cause === 'string' && typeof fix === 'string' && typeof exitCode === 'number'
      ? { cause, fix, exitCode }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the report to the runner's file; false when there is none (not run by the runner) or it
 * cannot be written: the caller then prints its failure line itself.
 */
export function writeTaskReport(path: string | undefined, report: TaskReport): boolean {
  if (path === undefined || path === '') return false;
  try {
    writeFileSync(path, serializeTaskReport(report));
    return true;
  } catch {
    return false;
  }
}
