/**
 * Instructions per request, counted by valgrind, which machine noise does not move. Each mix runs in
 * one backend under `valgrind --tool=callgrind --instr-atstart=no`: start-up and `warmup` requests run
 * uninstrumented (fast, and not counted); then `callgrind_control` turns instrumentation on and zeroes
 * the counters, `measured` requests go one at a time on one keep-alive connection, and a dump gives
 * the instructions of exactly those requests, every thread's user-space instructions included
 * (OpenTelemetry's batch export and the X-Ray UDP sends of those requests too, as far as they ran
 * within the window). Two backends serving a warm-up and a warm-up plus the measured requests under
 * cachegrind would cancel start-up as well, but pay valgrind's full cost for start-up twice: about 4×
 * the time for the same figure.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mixKey, startBenchBackend, type Mix } from './backend.js';
import { round } from './load.js';
import { median } from './overhead.bench.js';

export const VALGRIND = '/usr/bin/valgrind';
const CALLGRIND_CONTROL = '/usr/bin/callgrind_control';

export interface InstructionsOptions {
  mixes: readonly Mix[];
  /** The backend workspace to run (`BenchBackendOptions.dir`). */
  backendDir?: string;
  warmup: number;
  measured: number;
  /** Runs per mix; the median is kept (repeats show how deterministic the count is). */
  repeats: number;
  /** Backends under valgrind at once. */
  concurrency: number;
  progress: (line: string) => void;
}

export interface MixInstructions {
  mix: Mix;
  /** Per warmed-up request, median over the repeats. */
  perRequest: number;
  /** All off's per request over this mix's (the ratio: 1 when telemetry costs nothing). */
  offRatio: number;
  repeats: number[];
}

export interface InstructionsBench {
  path: string;
  tool: string;
  warmup: number;
  measured: number;
  mixes: Record<string, MixInstructions>;
}

const PATH = '/api/activities/home';
const START_TIMEOUT_MS = 300_000;

/**
 * V8's background threads (optimising compiler, concurrent GC) finish their work at points that
 * depend on how the machine schedules them, so the same requests cost more on a loaded machine (they
 * run unoptimised code for longer): 1.30 M and 1.57 M per all-off request in two runs without these.
 * `--single-threaded` does that work on the main thread at points fixed by the requests;
 * `--predictable-gc-schedule` fixes heap growing and idle-time GCs; fixed hash and random seeds make
 * hash tables probe alike in every run. What remains (timers that fire per wall-clock second, how
 * the event loop batches) moved all off by up to 6% between runs on a loaded machine: read changes
 * smaller than that as noise.
 */
const DETERMINISTIC_V8 = ['--single-threaded', '--predictable-gc-schedule', '--hash-seed=1', '--random-seed=1'];

/**
 * The batch processors export when 512 spans are queued, never on their 5 s timer: under valgrind a
 * request takes tens of milliseconds, more on a loaded machine, so timed exports (each an encode, a
 * request and, in the otel pipeline, a SigV4 signature) fell into the 300 requests more often the
 * slower the machine ran them: all on in the otel pipeline counted 3,173 k per request at load
 * average 7 and 4,209 k at 23. Exports by count are what a backend at load does, and land at the same
 * requests in every run.
 */
const EXPORTS_BY_COUNT = { OTEL_BSP_SCHEDULE_DELAY: String(3_600_000) };

const run = promisify(execFile);

/**
 * One request; sent again once if the connection was gone (the backend closes a keep-alive connection
 * left idle for 5 s, which the pauses around `callgrind_control` can exceed).
 */
async function sendRequest(url: string, what: string, retry = true): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    if (retry) return sendRequest(url, what, false);
    throw error;
  }
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${what} under valgrind: ${PATH} answered ${response.status}`);
}

async function sendRequests(url: string, count: number, what: string): Promise<void> {
  for (let i = 0; i < count; i++) await sendRequest(url, what);
}

/** Instructions of `measured` requests to a backend under callgrind, after `warmup` uncounted ones. */
async function countInstructions(
  mix: Mix,
  warmup: number,
  measured: number,
  backendDir: string | undefined,
): Promise<number> {
  const outFile = join(tmpdir(), `bench-callgrind-${process.pid}-${mixKey(mix)}.out`);
  const traced = await startBenchBackend(mix, {
    wrapper: [VALGRIND, '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${outFile}`],
    nodeFlags: DETERMINISTIC_V8,
    env: EXPORTS_BY_COUNT,
    startTimeoutMs: START_TIMEOUT_MS,
    dir: backendDir,
  });
  const control = (...args: string[]) => run(CALLGRIND_CONTROL, [...args, String(traced.backend.child.pid)]);
  try {
    const url = `${traced.backend.url}${PATH}`;
    await sendRequests(url, warmup, mixKey(mix));
    await control('--instr=on');
    await control('--zero');
    await sendRequests(url, measured, mixKey(mix));
    await control('--dump');
    const summary = /^summary: (\d+)/m.exec(readFileSync(`${outFile}.1`, 'utf8'));
    if (!summary) throw new Error(`no instruction count in ${outFile}.1`);
    return Number(summary[1]);
  } finally {
    await traced.stop();
    for (const file of [outFile, `${outFile}.1`]) rmSync(file, { force: true });
  }
}

export async function benchInstructions(options: InstructionsOptions): Promise<InstructionsBench> {
  const perMix = new Map<Mix, number[]>(options.mixes.map((mix) => [mix, []]));
  const measure = async (mix: Mix, repeat: number): Promise<void> => {
    const perRequest = round(
      (await countInstructions(mix, options.warmup, options.measured, options.backendDir)) / options.measured,
      0,
    );
    perMix.get(mix)!.push(perRequest);
    options.progress(`instructions ${repeat}/${options.repeats} ${mixKey(mix)}: ${perRequest} per request`);
  };
  // Counts do not depend on what else runs, so mixes run `concurrency` at a time.
  for (let repeat = 1; repeat <= options.repeats; repeat++) {
    for (let i = 0; i < options.mixes.length; i += options.concurrency) {
      await Promise.all(options.mixes.slice(i, i + options.concurrency).map((mix) => measure(mix, repeat)));
    }
  }
  const summaries = [...perMix].map(([mix, repeats]) => ({ mix, perRequest: median(repeats), repeats }));
  const off = summaries.find(({ mix }) => mixKey(mix) === 'off')?.perRequest ?? Number.NaN;
  return {
    path: PATH,
    tool: 'valgrind --tool=callgrind',
    warmup: options.warmup,
    measured: options.measured,
    mixes: Object.fromEntries(summaries.map((s) => [mixKey(s.mix), { ...s, offRatio: round(off / s.perRequest) }])),
  };
}
