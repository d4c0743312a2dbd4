/**
 * What the instrumentation costs on `/api/activities/home`: each variant (all off, all on, each path
 * alone) runs in a fresh backend process, variants interleaved round by round so machine noise hits
 * them alike. Two loads per run: throughput at 32 connections (saturated: its latencies are mostly
 * queueing), then latency at 1 connection (one request in flight: what a request itself pays).
 */
import { cpuSeconds, drainReceived, startBenchBackend, VARIANTS, type Received, type Variant } from './backend.js';
import { round, runLoad, type LoadResult } from './load.js';

export interface OverheadOptions {
  rounds: number;
  warmupS: number;
  throughputS: number;
  latencyS: number;
  connections: number;
  progress: (line: string) => void;
}

export interface OverheadRun {
  throughput: LoadResult;
  latency: LoadResult;
  /** The backend's CPU time (user + system) per request of the throughput load, in µs. */
  cpuUsPerRequest: number;
  /** Per request sent (warm-up included): 1 segment and ~N spans when that path is on. */
  segmentsPerRequest: number;
  spansPerRequest: number;
}

export interface VariantSummary {
  rps: number;
  /** Median rps over all-off's median rps. */
  throughputRatio: number;
  /** Saturated (32 connections). */
  p50Ms: number;
  p99Ms: number;
  /** One connection. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** One-connection p99 minus all-off's. */
  addedP99Ms: number;
  cpuUsPerRequest: number;
  /** CPU per request minus all-off's. */
  addedCpuUsPerRequest: number;
  runs: OverheadRun[];
}

export interface OverheadBench {
  path: string;
  connections: number;
  rounds: number;
  durations: { warmupS: number; throughputS: number; latencyS: number };
  variants: Record<Variant, VariantSummary>;
  goal: { minThroughputRatio: number; maxAddedP99Ms: number; met: boolean };
}

const PATH = '/api/activities/home';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(variant: Variant, options: OverheadOptions): Promise<OverheadRun> {
  const traced = await startBenchBackend(variant);
  const received: Received = { segments: 0, spans: 0 };
  const drain = setInterval(() => drainReceived(traced, received), 1_000);
  try {
    const url = `${traced.backend.url}${PATH}`;
    const warmup = await runLoad({ url, connections: options.connections, durationS: options.warmupS });
    const pid = traced.backend.child.pid!;
    const cpuBefore = cpuSeconds(pid);
    const throughput = await runLoad({ url, connections: options.connections, durationS: options.throughputS });
    const cpuUsPerRequest = round(((cpuSeconds(pid) - cpuBefore) / throughput.requests) * 1e6, 0);
    const latency = await runLoad({ url, connections: 1, durationS: options.latencyS });
    // Stopping flushes the spans still queued (bounded), so they are counted too.
    await traced.backend.stop();
    drainReceived(traced, received);
    const sent = warmup.requests + throughput.requests + latency.requests;
    const failures = warmup.failures + throughput.failures + latency.failures;
    if (failures > 0) throw new Error(`${variant}: ${failures} failed requests under load: the figures would not be comparable`);
    return { throughput, latency, cpuUsPerRequest, segmentsPerRequest: round(received.segments / sent, 3), spansPerRequest: round(received.spans / sent, 3) };
  } finally {
    clearInterval(drain);
    await traced.stop();
  }
}

function summarise(runs: OverheadRun[], off: { rps: number; latencyP99Ms: number; cpuUsPerRequest: number }): VariantSummary {
  const rps = median(runs.map((r) => r.throughput.rps));
  const latencyP99Ms = round(median(runs.map((r) => r.latency.p99Ms)));
  const cpuUsPerRequest = median(runs.map((r) => r.cpuUsPerRequest));
  return {
    rps,
    throughputRatio: round(rps / off.rps),
    p50Ms: round(median(runs.map((r) => r.throughput.p50Ms))),
    p99Ms: round(median(runs.map((r) => r.throughput.p99Ms))),
    latencyP50Ms: round(median(runs.map((r) => r.latency.p50Ms))),
    latencyP99Ms,
    addedP99Ms: round(latencyP99Ms - off.latencyP99Ms),
    cpuUsPerRequest,
    addedCpuUsPerRequest: round(cpuUsPerRequest - off.cpuUsPerRequest, 0),
    runs,
  };
}

export async function benchOverhead(options: OverheadOptions): Promise<OverheadBench> {
  const runs = Object.fromEntries(VARIANTS.map((v) => [v, [] as OverheadRun[]])) as Record<Variant, OverheadRun[]>;
  for (let round = 1; round <= options.rounds; round++) {
    for (const variant of VARIANTS) {
      const run = await measure(variant, options);
      runs[variant].push(run);
      options.progress(`overhead round ${round}/${options.rounds} ${variant}: ${run.throughput.rps} req/s, ${run.cpuUsPerRequest} µs CPU/request, 1-connection p99 ${run.latency.p99Ms} ms`);
    }
  }
  const off = {
    rps: median(runs.off.map((r) => r.throughput.rps)),
    latencyP99Ms: median(runs.off.map((r) => r.latency.p99Ms)),
    cpuUsPerRequest: median(runs.off.map((r) => r.cpuUsPerRequest)),
  };
  const variants = Object.fromEntries(VARIANTS.map((v) => [v, summarise(runs[v], off)])) as Record<Variant, VariantSummary>;
  const goal = { minThroughputRatio: 0.85, maxAddedP99Ms: 1 };
  return {
    path: PATH,
    connections: options.connections,
    rounds: options.rounds,
    durations: { warmupS: options.warmupS, throughputS: options.throughputS, latencyS: options.latencyS },
    variants,
    goal: { ...goal, met: variants.all.throughputRatio >= goal.minThroughputRatio && variants.all.addedP99Ms < goal.maxAddedP99Ms },
  };
}
