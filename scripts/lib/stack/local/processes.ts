/**
 * Background processes of local mode: started detached with their output in `<stateDir>/<name>.log`
 * and their pid in `<stateDir>/<name>.pid`, so they outlive `npm run setup` and `npm run down` finds
 * them. A pid is only trusted while its command line still shows what we started (pids get reused).
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stateLogFile } from '@cruddur/trace-contract';
import { $ } from 'zx';

export interface BackgroundProcess {
  name: string;
  /** A piece of the command line that identifies this process, e.g. `packages/inspector/src/main.ts`. */
  marker: string;
}

export interface StartSpec extends BackgroundProcess {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Started {
  pid: number;
  /** Where this run's lines begin in the log (which keeps earlier runs' lines above). */
  logFrom: number;
  /** Settles if the process exits (while this process is alive to see it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function pidFile(stateDir: string, name: string): string {
  return join(stateDir, `${name}.pid`);
}

/** The inspector reads the backend's from the same place: the contract owns the name. */
export const logFile = stateLogFile;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string> {
  const result = await $({ quiet: true, nothrow: true })`ps -o command= -p ${pid}`;
  return result.stdout.trim();
}

/** The pid of our process if it is still running; a stale pid file is removed. */
export async function runningPid(stateDir: string, process_: BackgroundProcess): Promise<number | undefined> {
  const file = pidFile(stateDir, process_.name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await commandLine(pid)).includes(process_.marker))
    return pid;
  rmSync(file, { force: true });
  return undefined;
}

export function startBackground(stateDir: string, spec: StartSpec): Started {
  mkdirSync(stateDir, { recursive: true });
  const log = openSync(logFile(stateDir, spec.name), 'a');
  const logFrom = fstatSync(log).size;
  writeSync(log, `\n--- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
  writeFileSync(pidFile(stateDir, spec.name), `${child.pid}\n`);
  return { pid: child.pid, logFrom, exited };
}

/** SIGTERM (so telemetry flushes), then SIGKILL after `graceMs`. Returns the pid stopped, if one ran. */
export async function stopBackground(
  stateDir: string,
  process_: BackgroundProcess,
  graceMs = 10_000,
): Promise<number | undefined> {
  const pid = await runningPid(stateDir, process_);
  if (pid === undefined) return undefined;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(stateDir, process_.name), { force: true });
  return pid;
}

/** The last lines a process wrote since `from` (a byte offset: this run's part), to show why it died. */
export function logTail(stateDir: string, name: string, from = 0, lines = 12): string {
  const file = logFile(stateDir, name);
  if (!existsSync(file)) return '';
  return readFileSync(file).subarray(from).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
