/**
 * How a task tells the runner why it failed, without the runner reading its output: the runner
 * names a private file in `CRUDDUR_TASK_REPORT`; a failing task writes `{cause, fix, exitCode}`
 * there instead of printing its own failure line, and the runner prints that cause and fix once.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const TASK_REPORT_VARIABLE = 'CRUDDUR_TASK_REPORT';

export interface TaskReport {
  readonly cause: string;
  readonly fix: string;
  readonly exitCode: number;
}

/**
 * The report path the runner gave this process, taken out of `env`, so that processes this one
 * starts (a background inspector, a nested runner) print their own failures as usual.
 */
export function takeTaskReportPath(env: NodeJS.ProcessEnv): string | undefined {
  const path = env[TASK_REPORT_VARIABLE] || undefined;
  delete env[TASK_REPORT_VARIABLE];
  return path;
}

/** Writes the report; false when it cannot be written (the caller then prints the failure itself). */
export function writeTaskReport(path: string, report: TaskReport): boolean {
  try {
    writeFileSync(path, JSON.stringify(report));
    return true;
  } catch {
    return false;
  }
}

const isReport = (value: unknown): value is TaskReport => {
  const { cause, fix, exitCode } = (value ?? {}) as Partial<Record<keyof TaskReport, unknown>>;
  return typeof cause === 'string' && typeof fix === 'string' && typeof exitCode === 'number';
};

/** The report a task left, if it left a well-formed one. */
export function readTaskReport(path: string): TaskReport | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isReport(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
