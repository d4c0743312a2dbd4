/**
 * Ctrl-C (or the runner's SIGTERM) while a task starts things: the task's steps see an aborted
 * signal, stop what they started, and end with a line that says so. Without this guard the signal's
 * default action would end the task at once and leave its detached processes running.
 */
import { constants } from 'node:os';
import { ToolkitError } from './errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The task was interrupted; the message says what it stopped and what it left running, and why. */
export class InterruptedError extends ToolkitError {
  constructor(
    readonly signal: NodeJS.Signals,
    whatWasDone: string,
    fix = 'rerun the task when ready',
  ) {
    super(`interrupted (${signal}): ${whatWasDone}`, fix, 128 + (constants.signals[signal] ?? 0));
    this.name = 'InterruptedError';
  }
}

export interface InterruptGuard {
  /** Aborted with the signal's name as its reason. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/** While the guard is held, SIGINT/SIGTERM/SIGHUP abort `signal` instead of ending the process. */
export function guardInterrupts(): InterruptGuard {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => controller.abort(signal);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    dispose() {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}
