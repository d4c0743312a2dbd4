import { constants } from 'node:os';
import { ToolkitError, type TaskFailure } from '../lib/errors.js';
import { describeFailure } from './format.js';
import { closestName } from './suggest.js';
import type { TaskOutcome } from './types.js';

/** Exit code of a usage mistake (bad option or value), as most CLIs do. */
export const USAGE_EXIT_CODE = 2;

/** The exit code a shell reports for a process ended by `signal`: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

function didYouMean(input: string, known: readonly string[]): string {
  const guess = closestName(input, known);
  const all = known.length > 0 ? `tasks: ${known.join(', ')}` : 'the file defines no tasks';
  return guess === undefined ? `use one of the defined names (${all})` : `did you mean "${guess}"? (${all})`;
}

/** A mistake on the runner's command line. */
export class UsageError extends ToolkitError {
  constructor(cause: string, fix: string) {
    super(cause, fix, USAGE_EXIT_CODE);
    this.name = 'UsageError';
  }
}

/** A tasks file that cannot be read or has a bad shape; `where` names the file and the task or field. */
export class TaskFileError extends ToolkitError {
  constructor(
    readonly where: string,
    problem: string,
    fix: string,
  ) {
    super(`${where}: ${problem}`, fix);
    this.name = 'TaskFileError';
  }
}

/** A task name (asked for, or listed as a dependency) that the file does not define. */
export class UnknownTaskError extends ToolkitError {
  constructor(
    readonly task: string,
    known: readonly string[],
    readonly requiredBy?: string,
  ) {
    super(
      requiredBy === undefined ? `unknown task "${task}"` : `task "${requiredBy}" depends on unknown task "${task}"`,
      didYouMean(task, known),
    );
    this.name = 'UnknownTaskError';
  }
}

/** Dependencies that lead back to where they started; `path` begins and ends with the same task. */
export class TaskCycleError extends ToolkitError {
  constructor(readonly path: readonly string[]) {
    super(`cycle: ${path.join(' -> ')}`, `remove one of these dependencies so that no task depends on itself`);
    this.name = 'TaskCycleError';
  }
}

/**
 * A task that exited non-zero, was killed or could not start; its exit code becomes the runner's. When
 * the task said why (its report), the run's one failure line carries that cause and fix.
 */
export class TaskFailedError extends ToolkitError {
  constructor(
    readonly task: string,
    outcome: Extract<TaskOutcome, { kind: 'failed' }>,
    failure?: TaskFailure,
  ) {
    const what = describeFailure(task, outcome);
    super(
      failure ? `${what}: ${failure.problem}` : what,
      failure?.fix ?? `read its output above, fix the cause, then rerun: npm run task -- ${task}`,
      outcome.code,
    );
    this.name = 'TaskFailedError';
  }
}

/**
 * The runner itself got SIGINT/SIGTERM; it stopped every running task first. What a stopped task
 * reported (e.g. what it undid) joins the one line, with its fix.
 */
export class InterruptedError extends ToolkitError {
  constructor(
    readonly signal: NodeJS.Signals,
    reports: ReadonlyArray<{ readonly task: string; readonly failure: TaskFailure }> = [],
  ) {
    const said = reports.map(({ task, failure }) => `${task}: ${failure.problem}`).join('; ');
    super(
      `stopped by ${signal}; every running task was stopped${said === '' ? '' : ` (${said})`}`,
      reports.at(-1)?.failure.fix ?? 'rerun the task when ready',
      signalExitCode(signal),
    );
    this.name = 'InterruptedError';
  }
}
