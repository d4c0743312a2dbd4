/** The results file's shape and the short table `npm run bench` prints (and the README shows). */
import type { RunnerBench } from './runner.bench.js';
import { mixLabel } from './backend.js';
import { checkGoals } from './goals.js';
import type { InspectorViewBench } from './inspector-view.bench.js';
import type { InstructionsBench } from './instructions.bench.js';
import type { Machine, Provenance } from './machine.js';
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
  /** Each part is absent when the run left it out (`--only`; `--long` for `longMemory`). */
  overhead?: OverheadBench;
  instructions?: InstructionsBench;
  memory?: MemoryBench;
  longMemory?: MemoryBench;
  runner?: RunnerBench;
  setup?: SetupBench;
  inspectorView?: InspectorViewBench;
  durationS: number;
}

const row = (cells: ReadonlyArray<string | number>): string => `| ${cells.join(' | ')} |`;
const signed = (value: number): string => (value >= 0 ? `+${value}` : String(value));

function overheadTable(
  overhead: OverheadBench | undefined,
  instructions: InstructionsBench | undefined,
  memory: MemoryBench | undefined,
): string[] {
  const keys = [...new Set([...Object.keys(overhead?.mixes ?? {}), ...Object.keys(instructions?.mixes ?? {})])];
  if (keys.length === 0) return [];
  const rounds = overhead
    ? `medians of ${overhead.rounds} interleaved runs (${overhead.connections} connections for throughput; 1 connection for latency)`
    : 'overhead not measured';
  const counted = instructions
    ? `; instructions: ${instructions.tool}, ${instructions.measured} requests after ${instructions.warmup} of warm-up`
    : '';
  return [
    `Instrumentation overhead, compiled build, \`${overhead?.path ?? instructions?.path}\`, ${rounds}${counted}:`,
    '',
    row([
      'telemetry',
      'req/s',
      'vs all off',
      'CPU/request µs (vs all off)',
      'alloc/request KB (added)',
      'instructions/request (all off ÷ this)',
      'p50 / p99 at 32 conn (ms)',
      'p50 / p99 at 1 conn (ms)',
      'added p99 (ms)',
      `RSS after ${memory?.loadS ?? 60} s at load (MiB)`,
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...keys.map((key) => {
      const s = overhead?.mixes[key];
      const i = instructions?.mixes[key];
      const mix = s?.mix ?? i!.mix;
      const off = key === 'off';
      return row([
        mixLabel(mix),
        s ? s.rps : '—',
        s ? s.throughputRatio.toFixed(2) : '—',
        s ? `${s.cpuUsPerRequest}${off ? '' : ` (×${s.cpuRatio.toFixed(2)})`}` : '—',
        s ? `${s.allocatedKbPerRequest}${off ? '' : ` (${signed(s.addedAllocatedKbPerRequest)})`}` : '—',
        i ? `${Math.round(i.perRequest / 1000)} k${off ? '' : ` (${i.offRatio.toFixed(2)})`}` : '—',
        s ? `${s.p50Ms} / ${s.p99Ms}` : '—',
        s ? `${s.latencyP50Ms} / ${s.latencyP99Ms}` : '—',
        s && !off ? s.addedP99Ms : '—',
        memory?.cases[key]?.rssMiB ?? '—',
      ]);
    }),
    '',
  ];
}

/** The OTLP fault cases (the mixes' RSS is a column of the overhead table). */
function memoryRows(memory: MemoryBench | undefined): string[] {
  if (!memory) return [];
  return Object.values(memory.cases)
    .filter((run) => run.otlp !== undefined)
    .map((run) =>
      row([
        `RSS after ${memory.loadS} s at load: ${mixLabel(run.mix)}, OTLP receiver ${run.otlp}`,
        `${run.rssMiB} MiB${memory.loadS > 60 ? ` (every ${memory.sampleEveryS} s: ${run.samplesMiB.join(', ')})` : ''}`,
      ]),
    );
}

export function formatTable(results: BenchResults): string {
  const { machine, overhead, instructions, memory, longMemory, runner, setup, inspectorView } = results;
  const goals = checkGoals({ overhead, instructions, memory, longMemory });
  return [
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; commit ${results.provenance.commit.slice(0, 7)}${results.provenance.dirty ? ' (dirty)' : ''}, ${results.date}; load average ${results.loadAverage.before} → ${results.loadAverage.after}`,
    '',
    ...overheadTable(overhead, instructions, memory),
    row(['goal (issue 15)', 'measured', 'met']),
    row(['---', '---:', '---']),
    ...goals.map((g) => row([g.goal, g.measured, g.met === undefined ? '—' : g.met ? 'yes' : 'no'])),
    '',
    row(['figure', 'value']),
    row(['---', '---:']),
    ...memoryRows(memory),
    ...memoryRows(longMemory),
    ...(runner
      ? [
          row([
            'task runner overhead (median) vs `npm run`',
            `${runner.runnerOverheadMs} ms vs ${runner.npmOverheadMs} ms`,
          ]),
        ]
      : []),
    ...(setup ? [row([`setup, everything already exists (${setup.mode} mode, fakes)`, `${setup.medianMs} ms`])] : []),
    ...(inspectorView
      ? [
          row([
            `inspector page, ${inspectorView.spans}-span trace by deep link: time to interactive (median)`,
            `${inspectorView.medianMs} ms (script ${inspectorView.mainThread.scriptMs}, style ${inspectorView.mainThread.styleMs}, layout ${inspectorView.mainThread.layoutMs} ms)`,
          ]),
        ]
      : []),
  ].join('\n');
}
