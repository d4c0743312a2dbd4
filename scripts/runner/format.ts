import type { Plan, TaskFile, TaskOutcome } from './types.js';

/** `340ms`, `4.2s`, `3m07s`: short enough for a summary line, precise where it matters. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

interface Row {
  readonly name: string;
  readonly text: string;
  readonly dependencies: readonly string[];
}

/** Name column, then the text; dependencies on a line of their own under the text. */
function formatRows(rows: readonly Row[]): string[] {
  const width = Math.max(0, ...rows.map((row) => row.name.length)) + 2;
  return rows.flatMap(({ name, text, dependencies }) => [
    `  ${name.padEnd(width)}${text}`.trimEnd(),
    ...(dependencies.length > 0 ? [`  ${''.padEnd(width)}after: ${dependencies.join(', ')}`] : []),
  ]);
}

const commandText = (command: string | undefined): string =>
  command === undefined ? '(no command: runs its dependencies)' : `$ ${command}`;

/** `--list`: every task in file order with its description (else its command) and dependencies. */
export function formatTaskList(file: TaskFile, shownPath: string): string {
  const rows = [...file.tasks.values()].map((task) => ({
    name: task.name,
    text: task.description ?? commandText(task.command),
    dependencies: task.dependencies,
  }));
  if (rows.length === 0) return `${shownPath} defines no tasks yet.`;
  return [`Tasks in ${shownPath} (run one with: npm run task -- NAME [ARGS...]):`, ...formatRows(rows)].join('\n');
}

/** `--dry-run`: the tasks in the order they would start, with the exact command lines. */
export function formatPlan(plan: Plan, jobs: number, shownDir: string): string {
  const rows = plan.tasks.map((task) => ({
    name: task.name,
    text: commandText(task.command),
    dependencies: task.dependencies,
  }));
  return [
    `Would run "${plan.target}" in ${shownDir}, up to ${jobs} task${jobs === 1 ? '' : 's'} at a time:`,
    ...formatRows(rows),
  ].join('\n');
}

type Failed = Extract<TaskOutcome, { kind: 'failed' }>;

/** The one line printed when a task ends well or is stopped; a failure is said once, by the run's last line. */
export function formatOutcome(name: string, outcome: Exclude<TaskOutcome, Failed>): string {
  return outcome.kind === 'ok'
    ? `${name} done in ${formatDuration(outcome.ms)}`
    : `${name} stopped after ${formatDuration(outcome.ms)}`;
}

/** How a task failed, as the run's last line names it: `task "setup" failed with exit code 1`. */
export function describeFailure(name: string, outcome: Failed): string {
  if (outcome.error !== undefined) return `task "${name}" could not start (${outcome.error})`;
  return outcome.signal === undefined
    ? `task "${name}" failed with exit code ${outcome.code}`
    : `task "${name}" was killed by ${outcome.signal}`;
}
