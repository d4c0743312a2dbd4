/**
 * The scripts' side of the task report (the protocol is in @cruddur/trace-contract): the runner
 * gives each task a private file, a failing task writes its cause and fix there instead of
 * printing them, and the runner prints them once.
 */
import { readFileSync } from 'node:fs';
import { parseTaskReport, TASK_REPORT_VARIABLE, type TaskReport } from '@cruddur/trace-contract';

export { TASK_REPORT_VARIABLE, writeTaskReport } from '@cruddur/trace-contract';

/**
 * The report path the runner gave this process, taken out of `env`, so that processes this one
 * starts (a background inspector or backend, a nested runner) print their own failures as usual.
 */
export function takeTaskReportPath(env: NodeJS.ProcessEnv): string | undefined {
  const path = env[TASK_REPORT_VARIABLE] || undefined;
  delete env[TASK_REPORT_VARIABLE];
  return path;
}

/** The report a task left, if it left a well-formed one. */
export function readTaskReport(path: string): TaskReport | undefined {
  try {
    return parseTaskReport(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
