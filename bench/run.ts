/**
 * `npm run bench` (after `build-backend`): every benchmark in one run against the compiled backend,
 * progress on stderr, then `bench/results.json` and the short table on stdout. About 8 minutes on 2 cores.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchMemory } from './memory.bench.js';
import { describeMachine, describeProvenance } from './machine.js';
import { benchOverhead } from './overhead.bench.js';
import { benchInspectorView } from './inspector-view.bench.js';
import { formatTable, type BenchResults } from './report.js';
import { benchRunner } from './runner.bench.js';
import { benchSetup } from './setup.bench.js';

const RESULTS = new URL('./results.json', import.meta.url);
const started = performance.now();
const progress = (line: string): void => {
  console.error(`[bench ${Math.round((performance.now() - started) / 1000)} s] ${line}`);
};
const loadAverage = (): number => Math.round(loadavg()[0]! * 100) / 100;

async function main(): Promise<void> {
  const before = loadAverage();
  progress('instrumentation overhead: 5 variants × 3 rounds of ~16 s');
  const overhead = await benchOverhead({ rounds: 3, warmupS: 2, throughputS: 8, latencyS: 5, connections: 32, progress });
  progress('memory: 3 cases × 60 s at load');
  const memory = await benchMemory({ loadS: 60, connections: 32, sampleEveryS: 10, progress });
  progress('task runner overhead');
  const runner = await benchRunner({ runs: 10 });
  progress(`task runner: ${runner.runnerOverheadMs} ms vs npm run ${runner.npmOverheadMs} ms`);
  progress('setup when everything exists');
  const setup = await benchSetup({ runs: 3, progress });
  progress('inspector page: time to interactive of a 500-span trace');
  const inspectorView = await benchInspectorView({ runs: 5, spans: 500, progress });

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: { before, after: loadAverage() },
    provenance: describeProvenance(),
    notes: [
      'The load generator (autocannon, its own process), the local receivers (the bench process) and the backend share the same cores; figures are relative to all off measured in the same run.',
      'Throughput latencies (32 connections) are mostly queueing; the 1-connection latencies are what one request pays. Added p99 = 1-connection p99 minus all off.',
      'CPU/request is the backend process’s user + system time over the throughput load, divided by its requests: the figure other load on the machine disturbs least.',
      'Receivers: the OTLP/HTTP receiver, X-Ray UDP receiver and Rollbar API fakes of test-support/; 100% sampled (X-Ray local rules sample every request but the health check).',
    ],
    overhead,
    memory,
    runner,
    setup,
    inspectorView,
    durationS: Math.round((performance.now() - started) / 1000),
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatTable(results));
  console.log(`\nwritten: bench/results.json (${results.durationS} s)`);
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
