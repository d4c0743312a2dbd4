import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 25;

/** Sends `signal` (0: only probe) to a process group; whether the group exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's state letter (`R`, `S`, `Z`…) and group, from Linux's /proc; undefined when unknown. */
export function readProcessStat(pid: number): { readonly state: string; readonly pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', , pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/**
 * Whether any process of the group still runs. Zombies do not count: in a container whose init
 * does not reap, a task's orphaned children stay zombies, and the group would look alive for ever.
 */
export function groupRuns(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  return readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    const stat = readProcessStat(Number(entry));
    return stat?.pgrp === pgid && stat.state !== 'Z';
  });
}

/** SIGTERM to the group, time to exit cleanly, then SIGKILL to whatever is left of it after `graceMs`. */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  signalGroup(pgid, 'SIGTERM');
  while (groupRuns(pgid) && Date.now() < deadline) await sleep(POLL_MS);
  signalGroup(pgid, 'SIGKILL');
}
