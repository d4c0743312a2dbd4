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

export type WaitOutcome = { healthy: true } | { healthy: false; reason: 'exited'; code: number | null; signal: string | null } | { healthy: false; reason: 'timeout' };

const PROGRESS_EVERY_MS = 5_000;

export async function waitHealthy(check: HealthCheck, started: Started, log: Log, timeoutMs: number): Promise<WaitOutcome> {
  let exit: { code: number | null; signal: string | null } | undefined;
  void started.exited.then((value) => (exit = value));
  const begin = Date.now();
  let nextProgress = begin + PROGRESS_EVERY_MS;
  while (Date.now() - begin < timeoutMs) {
    if (await isHealthy(check)) return { healthy: true };
    if (exit) return { healthy: false, reason: 'exited', ...exit };
    if (Date.now() >= nextProgress) {
      log.step(`still waiting for ${check.name} at ${check.url} (${Math.round((Date.now() - begin) / 1000)} s)`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await sleep(200);
  }
  return { healthy: false, reason: 'timeout' };
}
