/**
 * The backend's resident memory after a fixed time at load: every mix of the overhead table, and all
 * on with the OTLP receiver down (exports fail, so spans pile up to the batch processor's queue bound,
 * then drop) or hanging (exports never answered). RSS is sampled along the way, so a figure that is
 * still climbing shows as such: the long run (`--long`) keeps the OTLP faults up for 10 minutes to
 * show the curve.
 */
import { drainReceived, mixKey, rssMiB, startBenchBackend, type Mix, type Received } from './backend.js';
import { round, runLoad } from './load.js';

/** What the OTLP receiver does during the load. */
export type OtlpFault = 'down' | 'hanging';

/** A mix, with the OTLP receiver answering or in a fault. */
export interface MemoryCase {
  mix: Mix;
  otlp?: OtlpFault;
}

/** `all`, `all+otel-pipeline`, …; a fault adds `+otlp-down` / `+otlp-hanging`. */
export const memoryCaseKey = ({ mix, otlp }: MemoryCase): string => `${mixKey(mix)}${otlp ? `+otlp-${otlp}` : ''}`;

const ALL: Mix = { variant: 'all', pipeline: 'sdk', sampling: 'all' };
/** The long run's cases: the OTLP faults, all on. */
export const LONG_MEMORY_CASES: readonly MemoryCase[] = [
  { mix: ALL, otlp: 'down' },
  { mix: ALL, otlp: 'hanging' },
];

/** The default run's cases: each mix of the overhead table, then all on with the OTLP receiver down. */
export function shortMemoryCases(mixes: readonly Mix[]): MemoryCase[] {
  return [...mixes.map((mix) => ({ mix })), LONG_MEMORY_CASES[0]!];
}

export interface MemoryRun {
  /** RSS right after start, before any load. */
  idleMiB: number;
  /** RSS at the end of the load. */
  rssMiB: number;
  /** RSS every `sampleEveryS` during the load. */
  samplesMiB: number[];
  rps: number;
  /**
   * What the receivers took per request of the load, queued spans flushed at stop included: a
   * backend that drops telemetry at its queue bound looks cheaper than it is.
   */
  received: { spansPerRequest: number; segmentsPerRequest: number };
}

export interface MemoryBench {
  loadS: number;
  connections: number;
  sampleEveryS: number;
  /** By `memoryCaseKey`. */
  cases: Record<string, MemoryRun & MemoryCase>;
}

async function measure({ mix, otlp }: MemoryCase, options: MemoryOptions): Promise<MemoryRun> {
  const { loadS, connections, sampleEveryS } = options;
  const traced = await startBenchBackend(mix, { ...(options.backendDir && { dir: options.backendDir }) });
  const received: Received = { segments: 0, spans: 0 };
  const pid = traced.backend.child.pid!;
  const samplesMiB: number[] = [];
  const sampler = setInterval(() => {
    samplesMiB.push(rssMiB(pid));
    drainReceived(traced, received);
  }, sampleEveryS * 1_000);
  try {
    if (otlp === 'down') await traced.otlp.stop();
    if (otlp === 'hanging') traced.otlp.fail('hang');
    const idleMiB = rssMiB(pid);
    const load = await runLoad({ url: `${traced.backend.url}/api/activities/home`, connections, durationS: loadS });
    const rss = rssMiB(pid);
    if (load.failures > 0)
      throw new Error(`memory ${memoryCaseKey({ mix, otlp })}: ${load.failures} failed requests under load`);
    clearInterval(sampler);
    await traced.backend.stop();
    drainReceived(traced, received);
    const perRequest = (count: number): number => round(count / load.requests, 3);
    return {
      idleMiB,
      rssMiB: rss,
      samplesMiB,
      rps: load.rps,
      received: { spansPerRequest: perRequest(received.spans), segmentsPerRequest: perRequest(received.segments) },
    };
  } finally {
    clearInterval(sampler);
    await traced.stop();
  }
}

export interface MemoryOptions {
  cases: readonly MemoryCase[];
  /** The backend workspace to run (`BenchBackendOptions.dir`). */
  backendDir?: string | undefined;
  loadS: number;
  connections: number;
  sampleEveryS: number;
  progress: (line: string) => void;
}

export async function benchMemory(options: MemoryOptions): Promise<MemoryBench> {
  const cases: MemoryBench['cases'] = {};
  for (const memoryCase of options.cases) {
    const run = await measure(memoryCase, options);
    cases[memoryCaseKey(memoryCase)] = { ...memoryCase, ...run };
    options.progress(
      `memory ${memoryCaseKey(memoryCase)}: ${run.rssMiB} MiB RSS after ${options.loadS} s at ${run.rps} req/s (every ${options.sampleEveryS} s: ${run.samplesMiB.join(', ')}); received per request: ${run.received.spansPerRequest} spans, ${run.received.segmentsPerRequest} segments`,
    );
  }
  return { loadS: options.loadS, connections: options.connections, sampleEveryS: options.sampleEveryS, cases };
}
