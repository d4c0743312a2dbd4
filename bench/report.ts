/** The results file's shape and the short table `npm run bench` prints (and the README shows). */
import type { RunnerBench } from './runner.bench.js';
import { VARIANT_LABELS, VARIANTS } from './backend.js';
import type { Machine, Provenance } from './machine.js';
import type { InspectorViewBench } from './inspector-view.bench.js';
import type { MemoryBench } from './memory.bench.js';
import type { OverheadBench } from './overhead.bench.js';
import type { SetupBench } from './setup.bench.js';

export interface BenchResults {
  date: string;
  machine: Machine;
  /** 1-minute load average before and after: other work on the machine disturbs the figures. */
  loadAverage: { before: number; after: number };
  provenance: Provenance;
  notes: string[];
  overhead: OverheadBench;
  memory: MemoryBench;
  runner: RunnerBench;
  setup: SetupBench;
  inspectorView: InspectorViewBench;
  durationS: number;
}

const row = (cells: ReadonlyArray<string | number>): string => `| ${cells.join(' | ')} |`;

export function formatTable(results: BenchResults): string {
  const { machine, overhead, memory, runner, setup, inspectorView } = results;
  const lines = [
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; commit ${results.provenance.commit.slice(0, 7)}${results.provenance.dirty ? ' (dirty)' : ''}, ${results.date}; load average ${results.loadAverage.before} → ${results.loadAverage.after}`,
    '',
    `Instrumentation overhead, compiled build, \`${overhead.path}\`, medians of ${overhead.rounds} interleaved runs (${overhead.connections} connections for throughput; 1 connection for latency):`,
    '',
    row(['telemetry', 'req/s', 'vs all off', 'p50 / p99 at 32 conn (ms)', 'p50 / p99 at 1 conn (ms)', 'added p99 (ms)', 'CPU/request (µs)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...VARIANTS.map((v) => {
      const s = overhead.variants[v];
      return row([VARIANT_LABELS[v], s.rps, s.throughputRatio.toFixed(2), `${s.p50Ms} / ${s.p99Ms}`, `${s.latencyP50Ms} / ${s.latencyP99Ms}`, v === 'off' ? '—' : s.addedP99Ms, s.cpuUsPerRequest]);
    }),
    '',
    `Goal (all on ≥ ${overhead.goal.minThroughputRatio} of all off, < ${overhead.goal.maxAddedP99Ms} ms added p99): ${overhead.goal.met ? 'met' : 'not met'}`,
    '',
    row(['figure', 'value']),
    row(['---', '---:']),
    row([`RSS after ${memory.loadS} s at load: all off`, `${memory.cases.off.rssMiB} MiB`]),
    row([`RSS after ${memory.loadS} s at load: all on`, `${memory.cases.all.rssMiB} MiB`]),
    row([`RSS after ${memory.loadS} s at load: all on, OTLP receiver down`, `${memory.cases.allOtlpDown.rssMiB} MiB`]),
    row(['task runner overhead (median) vs `npm run`', `${runner.runnerOverheadMs} ms vs ${runner.npmOverheadMs} ms`]),
    row([`setup, everything already exists (${setup.mode} mode, fakes)`, `${setup.medianMs} ms`]),
    row([`inspector page, ${inspectorView.spans}-span trace by deep link: time to interactive (median)`, `${inspectorView.medianMs} ms (script ${inspectorView.mainThread.scriptMs}, style ${inspectorView.mainThread.styleMs}, layout ${inspectorView.mainThread.layoutMs} ms)`]),
  ];
  return lines.join('\n');
}
