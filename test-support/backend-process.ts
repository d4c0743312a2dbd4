/**
 * Starts the real backend as its own process on a free port (PORT=0) and waits for its
 * "listening on" line, so tests talk to it over real HTTP and can send it real signals.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_DEADLINE_MS } from './deadline.js';

export const BACKEND_DIR = fileURLToPath(new URL('../backend-flask-ts/', import.meta.url));
/** The backend's entry point from source: telemetry, then the app, as `node <backend dir>` runs the build. */
export const BACKEND_ENTRY = 'src/start.ts';
/** The app alone, without its entry point: no telemetry at all (tests of the HTTP edge and the process). */
export const APP_WITHOUT_TELEMETRY = 'src/main.ts';

export interface BackendProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface BackendProcessOptions {
  /** Extra env on top of the parent's; PORT defaults to 0. */
  env?: Record<string, string | undefined>;
  /** The command and its arguments; by default `node --import tsx <entry>`. */
  command?: string[];
  /** The source file the default command starts: BACKEND_ENTRY (the default) or APP_WITHOUT_TELEMETRY. */
  entry?: string;
  cwd?: string;
  startTimeoutMs?: number;
}

export async function startBackendProcess(options: BackendProcessOptions = {}): Promise<BackendProcess> {
  const [command, ...args] = options.command ?? [process.execPath, '--import', 'tsx', options.entry ?? BACKEND_ENTRY];
  const child = spawn(command!, args, {
    cwd: options.cwd ?? BACKEND_DIR,
    env: { ...process.env, PORT: '0', ...options.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const url = await new Promise<string>((resolve, reject) => {
    // A backend that never started is killed: left running, it would keep the test process alive forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`backend did not start within ${options.startTimeoutMs ?? TEST_DEADLINE_MS} ms:\n${output}`));
    }, options.startTimeoutMs ?? TEST_DEADLINE_MS);
    // Removed once matched: a regex over the whole output flattens it, and a backend at load
    // writes a line per request (the bench's receivers starved behind that copy, dropping datagrams).
    const onData = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`backend exited (${code ?? signal}) before listening:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
