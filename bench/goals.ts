/**
 * Issue 15's goals, checked against a bench result: each goal names the figure, the bound, the value
 * measured and whether it is met; a goal whose figure was not measured in this run says so.
 */
import type { InstructionsBench } from './instructions.bench.js';
import type { MemoryBench, MemoryRun } from './memory.bench.js';
import type { OverheadBench } from './overhead.bench.js';

export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

/** RSS growth over the second half of a long run (its trend) that still counts as flat. */
export const FLAT_RSS_GROWTH_MIB = 10;

function check(goal: string, value: number | undefined, unit: string, met: (value: number) => boolean): GoalCheck {
  return value === undefined || Number.isNaN(value)
    ? { goal, measured: 'not measured', met: undefined }
    : { goal, measured: `${value}${unit}`, met: met(value) };
}

/**
 * How much the second half of a long run's samples grew, MiB: the least-squares trend over it (slope
 * times the half's span). RSS under load is a GC sawtooth of ±15 MiB around its level; its highest
 * point minus its first sample called a flat curve growing, a trend does not, and a leak still shows.
 */
export function secondHalfTrendMiB(run: MemoryRun | undefined): number | undefined {
  if (!run || run.samplesMiB.length < 4) return undefined;
  const half = run.samplesMiB.slice(Math.floor(run.samplesMiB.length / 2));
  const meanX = (half.length - 1) / 2;
  const meanY = half.reduce((a, b) => a + b, 0) / half.length;
  let covariance = 0;
  let variance = 0;
  half.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return Math.round((covariance / variance) * (half.length - 1) * 10) / 10;
}

export function checkGoals(parts: {
  overhead?: OverheadBench;
  instructions?: InstructionsBench;
  memory?: MemoryBench;
  longMemory?: MemoryBench;
}): GoalCheck[] {
  const { overhead, instructions, memory, longMemory } = parts;
  const all = overhead?.mixes.all;
  const otelPipeline = overhead?.mixes['all+otel-pipeline'];
  return [
    check(
      'instructions/request, all on: all off ÷ all on ≥ 0.75',
      instructions?.mixes.all?.offRatio,
      '',
      (v) => v >= 0.75,
    ),
    check(
      'CPU/request, all on (100% sampled): ≤ +100% of all off',
      all && Math.round((all.cpuRatio - 1) * 100),
      '%',
      (v) => v <= 100,
    ),
    check(
      'instructions/request, all on, otel pipeline: all off ÷ this ≥ 0.85',
      instructions?.mixes['all+otel-pipeline']?.offRatio,
      '',
      (v) => v >= 0.85,
    ),
    check(
      'CPU/request, all on, otel pipeline: ≤ +50% of all off',
      otelPipeline && Math.round((otelPipeline.cpuRatio - 1) * 100),
      '%',
      (v) => v <= 50,
    ),
    check(
      "CPU/request, all on at the seed's rule: ≤ +10% of all off",
      overhead?.mixes['all+seed-rule'] && Math.round((overhead.mixes['all+seed-rule'].cpuRatio - 1) * 100),
      '%',
      (v) => v <= 10,
    ),
    check('allocation/request, all on: ≤ +25 KB', all?.addedAllocatedKbPerRequest, ' KB', (v) => v <= 25),
    check('added p99 at 1 connection, all on: < 1 ms', all?.addedP99Ms, ' ms', (v) => v < 1),
    check('RSS after 60 s at load, all on: ≤ 150 MiB', memory?.cases['all']?.rssMiB, ' MiB', (v) => v <= 150),
    check(
      `RSS over 10 min, OTLP down: flat (trend over the second half ≤ ${FLAT_RSS_GROWTH_MIB} MiB)`,
      secondHalfTrendMiB(longMemory?.cases['all+otlp-down']),
      ' MiB',
      (v) => v <= FLAT_RSS_GROWTH_MIB,
    ),
    check(
      `RSS over 10 min, OTLP hanging: flat (trend over the second half ≤ ${FLAT_RSS_GROWTH_MIB} MiB)`,
      secondHalfTrendMiB(longMemory?.cases['all+otlp-hanging']),
      ' MiB',
      (v) => v <= FLAT_RSS_GROWTH_MIB,
    ),
  ];
}
