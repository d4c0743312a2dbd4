/**
 * Polling with a deadline and backoff: X-Ray needs seconds before a trace is listed, the daemon
 * flushes after 1 s idle, exporters batch. One sleep is never enough, and hammering helps no one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../errors.js';

export interface Backoff {
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: Backoff = Object.freeze({ firstDelayMs: 250, factor: 1.6, maxDelayMs: 4_000 });

export type PollOutcome<T> = { found: true; value: T } | { found: false; lastError: unknown };

/** How a poll that found nothing ended, for an error's cause: `after 30 s (the last error)`. */
export function describeNotFound(outcome: { lastError: unknown }, waitedMs: number): string {
  return `after ${Math.round(waitedMs / 1000)} s${outcome.lastError ? ` (${String(outcome.lastError)})` : ''}`;
}

/**
 * Calls `probe` until it returns a value or `deadlineMs` (epoch ms) passes. A ToolkitError from the
 * probe is a verdict (e.g. access denied) and ends the polling at once; other errors are retried.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  deadlineMs: number,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<PollOutcome<T>> {
  let delay = backoff.firstDelayMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return { found: true, value };
    } catch (err) {
      if (err instanceof ToolkitError) throw err;
      lastError = err;
    }
    const remaining = deadlineMs - Date.now();
    if (remaining <= 0) return { found: false, lastError };
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * backoff.factor, backoff.maxDelayMs);
  }
}
