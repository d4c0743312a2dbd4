/**
 * `npm run bench` (after `build-backend`): every benchmark in one run against the compiled backend,
 * progress on stderr, then `bench/results.json`, the README's table (`readme-table.ts`) and the short table on stdout. About 12 minutes on 2
 * cores. `--long` adds the 10-minute RSS curves with the OTLP endpoint down and hanging (20 minutes
 * more). `--only instructions,overhead` and `--mixes off,all,xray` run a part, and `--backend DIR`
 * runs another checkout's built backend workspace, for before/after comparisons of one change: the
 * table is printed, results.json is left as it was.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { HelpRequest, parseTaskArgs } from '../scripts/lib/args.js';
import { benchMixes, mixKey } from './backend.js';
import { benchInspectorView } from './inspector-view.bench.js';
import { benchInstructions } from './instructions.bench.js';
import { benchMemory, LONG_MEMORY_CASES, shortMemoryCases } from './memory.bench.js';
import { describeMachine, describeProvenance } from './machine.js';
import { benchOverhead } from './overhead.bench.js';
import { RESULTS, writeReadmeTable } from './readme-table.js';
import { formatTable, type BenchResults } from './report.js';
import { benchRunner } from './runner.bench.js';
import { benchSetup } from './setup.bench.js';

const PARTS = ['overhead', 'instructions', 'memory', 'runner', 'setup', 'inspectorView'] as const;
type Part = (typeof PARTS)[number];

const started = performance.now();
const progress = (line: string): void => {
  console.error(`[bench ${Math.round((performance.now() - started) / 1000)} s] ${line}`);
};
const loadAverage = (): number => Math.round(loadavg()[0]! * 100) / 100;

function parseFlags(argv: string[]): {
  parts: ReadonlySet<Part>;
  mixes: string[] | undefined;
  long: boolean;
  backendDir: string | undefined;
} {
  const values = parseTaskArgs('bench', argv, {
    long: {
      type: 'boolean',
      description: 'add the 10-minute RSS curves with the OTLP endpoint down and hanging (20 minutes more)',
    },
    only: { type: 'string', value: 'PART,…', description: `run only these parts: ${PARTS.join(', ')}` },
    mixes: {
      type: 'string',
      value: 'MIX,…',
      description: 'run only these telemetry mixes (all off always runs), e.g. off,all,xray',
    },
    backend: {
      type: 'string',
      value: 'DIR',
      description: "another checkout's built backend workspace, for a before/after; results.json is left alone",
    },
  });
  const parts = values.only?.split(',') ?? [...PARTS];
  const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length)
    throw new Error(`--only ${values.only}: unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  return {
    parts: new Set(parts as Part[]),
    mixes: values.mixes?.split(','),
    long: values.long === true,
    backendDir: values.backend && resolve(values.backend),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const before = loadAverage();
  const notes: string[] = [];
  const allMixes = benchMixes();
  const unknownMixes = flags.mixes?.filter((key) => !allMixes.some((mix) => mixKey(mix) === key)) ?? [];
  if (unknownMixes.length)
    throw new Error(`--mixes: unknown ${unknownMixes.join(', ')}; the mixes are ${allMixes.map(mixKey).join(', ')}`);
  const mixes = flags.mixes
    ? allMixes.filter((mix) => flags.mixes!.includes(mixKey(mix)) || mixKey(mix) === 'off')
    : allMixes;
  const run = flags.parts;

  const overhead = run.has('overhead')
    ? await benchOverhead({
        mixes,
        backendDir: flags.backendDir,
        rounds: 3,
        warmupS: 2,
        throughputS: 8,
        latencyS: 5,
        connections: 32,
        progress,
      })
    : undefined;
  // A full run counts the mixes the goals name (and X-Ray alone); --mixes chooses others.
  const instructionMixes = flags.mixes
    ? mixes
    : mixes.filter((mix) => mix.variant === 'off' || mix.variant === 'all' || mix.variant === 'xray');
  const instructions = run.has('instructions')
    ? await benchInstructions({
        mixes: instructionMixes,
        backendDir: flags.backendDir,
        warmup: 1000,
        measured: 300,
        repeats: 1,
        concurrency: 2,
        progress,
      })
    : undefined;
  const memory = run.has('memory')
    ? await benchMemory({
        cases: shortMemoryCases(mixes),
        backendDir: flags.backendDir,
        loadS: 60,
        connections: 32,
        sampleEveryS: 10,
        progress,
      })
    : undefined;
  const longMemory = flags.long
    ? await benchMemory({
        cases: LONG_MEMORY_CASES,
        backendDir: flags.backendDir,
        loadS: 600,
        connections: 32,
        sampleEveryS: 30,
        progress,
      })
    : undefined;
  const runner = run.has('runner') ? await benchRunner({ runs: 10 }) : undefined;
  if (runner) progress(`task runner: ${runner.runnerOverheadMs} ms vs npm run ${runner.npmOverheadMs} ms`);
  const setup = run.has('setup') ? await benchSetup({ runs: 3, progress }) : undefined;
  const inspectorView = run.has('inspectorView')
    ? await benchInspectorView({ runs: 5, spans: 500, progress })
    : undefined;

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: { before, after: loadAverage() },
    provenance: describeProvenance(),
    notes: [
      ...notes,
      'The load generator (autocannon, its own process), the local receivers (the bench process) and the backend share the same cores; figures are relative to all off measured in the same run.',
      'Throughput latencies (32 connections) are mostly queueing; the 1-connection latencies are what one request pays. Added p99 = 1-connection p99 minus all off.',
      'CPU/request is the backend process’s user + system time over the throughput load, divided by its requests; "vs all off" is the median over rounds of each run over the same round’s all-off run.',
      'Allocation/request: V8 heap bytes the backend allocated during the throughput load (sum of allocated= over its --trace-gc-nvp lines) over its requests; off-heap Buffers are not counted.',
      'Instructions/request: valgrind callgrind, instrumentation off through start-up and 1000 warm-up requests, then counted over 300 requests sent one at a time (all threads, user space), V8 with --single-threaded --predictable-gc-schedule so its background work lands at the same requests whatever the machine’s load.',
      'Receivers: the OTLP/HTTP receiver, X-Ray UDP receiver and Rollbar API fakes of test-support/; 100% sampled (the dev rules sample every request but the health check), except the seed-rule rows, where the fake daemon serves aws/json/x-ray.json over TCP.',
    ],
    overhead,
    instructions,
    memory,
    longMemory,
    runner,
    setup,
    inspectorView,
    durationS: Math.round((performance.now() - started) / 1000),
  };
  const complete = PARTS.every((part) => run.has(part)) && !flags.mixes && !flags.backendDir;
  if (complete) {
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    await writeReadmeTable(results);
  }
  console.log(formatTable(results));
  console.log(
    complete
      ? `\nwritten: bench/results.json and the README's table (${results.durationS} s)`
      : `\npartial run (${results.durationS} s): bench/results.json and the README left as they were`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof HelpRequest) return console.log(error.usage);
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
