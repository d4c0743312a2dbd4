/** Waiting for a started process to answer its health URL, with progress, a deadline, and its death noticed. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from '../../output/log.js';
import type { Started } from './processes.js';

export interface HealthCheck {
  name: string;
  url: string;
  /** Whether the body is this service's (so another program on the port is not mistaken for it). */
  isOurs: (body: unknown) => boolean;
}

/** True when the URL answers 200 with a body that `isOurs` accepts; false when nothing answers. */
export async function isHealthy(check: HealthCheck, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(check.url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok && check.isOurs(await response.json());
  } catch {
    return false;
  }
}

/** Whether anything at all answers on the URL's port (ours or not). */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

export type WaitOutcome =
  | { healthy: true }
  | { healthy: false; reason: 'exited'; code: number | null; signal: string | null }
  | { healthy: false; reason: 'timeout' }
  | { healthy: false; reason: 'interrupted' };

/** Polls the health URL until it answers, the process dies, `timeoutMs` passes, or `interrupt` aborts. */
export async function waitHealthy(
  check: HealthCheck,
  started: Started,
  log: Log,
  timeoutMs: number,
  interrupt?: AbortSignal,
): Promise<WaitOutcome> {
  let exit: { code: number | null; signal: string | null } | undefined;
  void started.exited.then((value) => (exit = value));
  const begin = Date.now();
  const waiting = log.wait(`waiting for ${check.name} at ${check.url}`);
  try {
    while (Date.now() - begin < timeoutMs) {
      if (interrupt?.aborted) return { healthy: false, reason: 'interrupted' };
      if (await isHealthy(check)) return { healthy: true };
      if (exit) return { healthy: false, reason: 'exited', ...exit };
      await sleep(200);
    }
    return { healthy: false, reason: 'timeout' };
  } finally {
    waiting.done();
  }
}
