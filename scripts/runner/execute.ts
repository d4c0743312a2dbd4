import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Options, ProcessOutput } from 'zx/core';
import type { TaskFailure } from '../lib/errors.js';
import type { Log } from '../lib/output/log.js';
import { readTaskReport, TASK_REPORT_VARIABLE } from '../lib/task-report.js';
import { InterruptedError, signalExitCode, TaskFailedError } from './errors.js';
import { formatOutcome } from './format.js';
import { stopGroup } from './group.js';
import { hasParallelTasks, shellQuote } from './resolve.js';
import type { Plan, PlannedTask, TaskOutcome } from './types.js';

export interface ExecuteOptions {
  readonly jobs: number;
  readonly env: NodeJS.ProcessEnv;
  /** Where the tasks' own output goes, line by line, masked, `[name]`-prefixed when several run. */
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The runner's own lines: a task starting, a task's one-line summary. */
  readonly log: Log;
  /** Aborted with a signal name as its reason (`SIGINT`): stop every task, then end with 128 + its number. */
  readonly interrupt?: AbortSignal;
  /** How long a stopped task's process group may take to exit before it gets SIGKILL. */
  readonly graceMs?: number;
}

type Failed = Extract<TaskOutcome, { kind: 'failed' }>;

type StopReason =
  | { readonly kind: 'failed'; readonly task: string; readonly outcome: Failed; readonly failure?: TaskFailure }
  | { readonly kind: 'interrupted'; readonly signal: NodeJS.Signals };

interface Running {
  readonly ended: Promise<{ readonly task: PlannedTask; readonly outcome: TaskOutcome }>;
  /** The cause and fix the task reported (masked), read once it has exited; never its output. */
  report(): TaskFailure | undefined;
  stop(): Promise<void>;
}

const DEFAULT_GRACE_MS = 5_000;

/** zx keeps every chunk of output for `await $…`; a task such as a server logs for hours, so keep none. */
const discard = () => Object.assign<(string | Buffer)[], { push: () => number }>([], { push: () => 0 });

/**
 * Feeds `write` whole lines; a last line without a newline comes out when the stream ends. A status
 * line (a spinner frame: text after a carriage return, no newline yet) goes to `status` at once.
 */
function forwardLines(stream: Readable, write: (line: string) => void, status?: (frame: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    lines.forEach(write);
    if (status !== undefined && rest.startsWith('\r')) {
      status(rest);
      rest = '';
    }
  });
  stream.on('end', () => {
    if (rest !== '') write(rest);
  });
}

/** A task that could not even start (a missing shell, a vanished directory) fails with exit code 1. */
const notStarted = (ms: number, err: unknown): TaskOutcome => ({
  kind: 'failed',
  ms,
  code: 1,
  error: err instanceof Error ? err.message : String(err),
});

function toOutcome(output: ProcessOutput, ms: number, stopped: boolean): TaskOutcome {
  if (stopped) return { kind: 'stopped', ms };
  if (output.cause) return notStarted(ms, output.cause);
  if (output.exitCode === 0) return { kind: 'ok', ms };
  const signal = output.signal ?? undefined;
  const code = output.exitCode ?? (signal === undefined ? 1 : signalExitCode(signal));
  return { kind: 'failed', ms, code, ...(signal === undefined ? {} : { signal }) };
}

/**
 * Runs a plan: a task starts once its dependencies succeeded, up to `jobs` at a time, in plan order.
 * The first failure (or an interrupt) stops the run: nothing new starts, running tasks are stopped,
 * and a typed error carries the exit code. Only the CLI edge turns that into the process's exit.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<void> {
  // Loaded here so that listing and dry runs never pay for zx.
  const { $ } = await import('zx/core');
  const { log, jobs, interrupt, graceMs = DEFAULT_GRACE_MS } = options;
  const shellOptions: Partial<Options> = {
    cwd: plan.cwd,
    env: options.env,
    stdio: ['inherit', 'pipe', 'pipe'],
    detached: true, // each task leads its own process group, so a stop reaches everything it started
    nothrow: true,
    quiet: true,
    prefix: '', // plain shell semantics, as deno task and npm scripts have; no `set -euo pipefail`
    postfix: '',
    quote: shellQuote,
  };
  // Labels only where lines of two tasks can interleave; a chain's output stays as its tasks print it.
  const labelled = jobs > 1 && hasParallelTasks(plan);
  const waiting = new Set(plan.tasks);
  const succeeded = new Set<string>();
  const running = new Map<string, Running>();
  const stopping: Promise<void>[] = [];
  let stop: StopReason | undefined;
  /** What stopped tasks reported as they ended (an interrupted setup says what it undid). */
  const stoppedReports: Array<{ task: string; failure: TaskFailure }> = [];

  const start = (task: PlannedTask, command: string, index: number): Running => {
    log.step(`${task.name} $ ${command}`);
    const label = labelled ? `[${task.name}] ` : '';
    const startedAt = performance.now();
    const reportPath = join(reportDir, `${index}.json`); // task names may hold any character
    const child = $({
      ...shellOptions,
      env: { ...options.env, [TASK_REPORT_VARIABLE]: reportPath },
      store: { stdout: discard(), stderr: discard(), stdall: discard() },
    })(
      Object.assign([command], { raw: [command] }), // a template without values: the command is shell text
    );
    const forward = (stream: NodeJS.WritableStream) => (line: string) => stream.write(`${label}${log.mask(line)}\n`);
    // Spinner frames only when one task runs: interleaved with others' lines they would be noise.
    forwardLines(
      child.stdout,
      forward(options.stdout),
      labelled ? undefined : (frame) => options.stdout.write(log.mask(frame)),
    );
    forwardLines(child.stderr, forward(options.stderr));
    let stopped = false;
    return {
      ended: child.then(
        (output) => ({ task, outcome: toOutcome(output, performance.now() - startedAt, stopped) }),
        (err: unknown) => ({ task, outcome: notStarted(performance.now() - startedAt, err) }),
      ),
      report() {
        const report = readTaskReport(reportPath);
        return report && { problem: log.mask(report.cause), fix: log.mask(report.fix) };
      },
      async stop() {
        stopped = true;
        if (child.pid !== undefined) await stopGroup(child.pid, graceMs);
      },
    };
  };

  const stopAll = (reason: StopReason): void => {
    if (stop !== undefined) return;
    stop = reason;
    // SIGTERM even on Ctrl-C: shells start background jobs with SIGINT ignored, not SIGTERM.
    for (const task of running.values()) stopping.push(task.stop());
  };

  const startReady = (): void => {
    for (let progress = true; progress && stop === undefined;) {
      progress = false;
      for (const task of waiting) {
        if (running.size >= jobs) return;
        if (!task.dependencies.every((name) => succeeded.has(name))) continue;
        waiting.delete(task);
        if (task.command === undefined) {
          succeeded.add(task.name); // only groups its dependencies; may unblock tasks already passed
          progress = true;
        } else {
          running.set(task.name, start(task, task.command, plan.tasks.indexOf(task)));
        }
      }
    }
  };

  const onInterrupt = (): void => stopAll({ kind: 'interrupted', signal: interrupt?.reason as NodeJS.Signals });
  if (interrupt?.aborted) throw new InterruptedError(interrupt.reason as NodeJS.Signals);
  // Each task's private report file (see lib/task-report.ts); the folder goes when the run ends.
  const reportDir = mkdtempSync(join(tmpdir(), 'cruddur-task-reports-'));
  interrupt?.addEventListener('abort', onInterrupt, { once: true });
  try {
    for (startReady(); running.size > 0; startReady()) {
      const { task, outcome } = await Promise.race([...running.values()].map((r) => r.ended));
      const ended = running.get(task.name)!;
      running.delete(task.name);
      if (outcome.kind === 'ok') {
        succeeded.add(task.name);
        log.ok(formatOutcome(task.name, outcome));
      } else if (outcome.kind === 'stopped') {
        log.warn(formatOutcome(task.name, outcome));
        const failure = ended.report();
        if (failure) stoppedReports.push({ task: task.name, failure });
      } else {
        // No line here: the run's last line says it, once, with the task's own cause and fix.
        const failure = ended.report();
        stopAll({ kind: 'failed', task: task.name, outcome, ...(failure && { failure }) });
      }
    }
    await Promise.all(stopping);
  } finally {
    interrupt?.removeEventListener('abort', onInterrupt);
    rmSync(reportDir, { recursive: true, force: true });
  }
  if (stop?.kind === 'interrupted') throw new InterruptedError(stop.signal, stoppedReports);
  if (stop?.kind === 'failed') throw new TaskFailedError(stop.task, stop.outcome, stop.failure);
}
