/**
 * What the instrumentation costs on `/api/activities/home`: each telemetry mix (all off, all on, each
 * path alone, per X-Ray pipeline and sampling) runs in a fresh backend process, mixes interleaved
 * round by round so machine noise hits them alike and every run alternates with an all-off one. Two
 * loads per run: throughput at 32 connections (saturated: its latencies are mostly queueing), then
 * latency at 1 connection (one request in flight: what a request itself pays).
 */
import { allocatedBytes, TRACE_GC_FLAG } from './allocation.js';
import { cpuSeconds, drainReceived, mixKey, startBenchBackend, type Mix, type Received } from './backend.js';
import { round, runLoad, type LoadResult } from './load.js';

export interface OverheadOptions {
  mixes: readonly Mix[];
  /** The backend workspace to run (`BenchBackendOptions.dir`). */
  backendDir?: string;
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
  /** V8 heap bytes allocated per request of the throughput load, in KB (`allocation.ts`). */
  allocatedKbPerRequest: number;
  /** Per request sent (warm-up included): 1 segment and ~N spans when that path is on. */
  segmentsPerRequest: number;
  spansPerRequest: number;
}

export interface MixSummary {
  mix: Mix;
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
  /** Median over rounds of CPU per request over the same round's all-off run. */
  cpuRatio: number;
  allocatedKbPerRequest: number;
  /** Allocation per request minus all-off's. */
  addedAllocatedKbPerRequest: number;
  runs: OverheadRun[];
}

export interface OverheadBench {
  path: string;
  connections: number;
  rounds: number;
  durations: { warmupS: number; throughputS: number; latencyS: number };
  /** By `mixKey`; "off" is the baseline. */
  mixes: Record<string, MixSummary>;
}

const PATH = '/api/activities/home';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(mix: Mix, options: OverheadOptions): Promise<OverheadRun> {
  const traced = await startBenchBackend(mix, { nodeFlags: [TRACE_GC_FLAG], dir: options.backendDir });
  const received: Received = { segments: 0, spans: 0 };
  const drain = setInterval(() => drainReceived(traced, received), 1_000);
  try {
    const url = `${traced.backend.url}${PATH}`;
    const warmup = await runLoad({ url, connections: options.connections, durationS: options.warmupS });
    const pid = traced.backend.child.pid!;
    const cpuBefore = cpuSeconds(pid);
    const outputBefore = traced.backend.output().length;
    const throughput = await runLoad({ url, connections: options.connections, durationS: options.throughputS });
    const cpuUsPerRequest = round(((cpuSeconds(pid) - cpuBefore) / throughput.requests) * 1e6, 0);
    const allocatedKbPerRequest = round(
      allocatedBytes(traced.backend.output().slice(outputBefore)) / throughput.requests / 1024,
      1,
    );
    const latency = await runLoad({ url, connections: 1, durationS: options.latencyS });
    // Stopping flushes the spans still queued (bounded), so they are counted too.
    await traced.backend.stop();
    drainReceived(traced, received);
    const sent = warmup.requests + throughput.requests + latency.requests;
    const failures = warmup.failures + throughput.failures + latency.failures;
    if (failures > 0)
      throw new Error(`${mixKey(mix)}: ${failures} failed requests under load: the figures would not be comparable`);
    return {
      throughput,
      latency,
      cpuUsPerRequest,
      allocatedKbPerRequest,
      segmentsPerRequest: round(received.segments / sent, 3),
      spansPerRequest: round(received.spans / sent, 3),
    };
  } finally {
    clearInterval(drain);
    await traced.stop();
  }
}

type Baseline = Pick<MixSummary, 'rps' | 'latencyP99Ms' | 'cpuUsPerRequest' | 'allocatedKbPerRequest'> & {
  runs: OverheadRun[];
};

function summarise(mix: Mix, runs: OverheadRun[], off: Baseline): MixSummary {
  const rps = median(runs.map((r) => r.throughput.rps));
  const latencyP99Ms = round(median(runs.map((r) => r.latency.p99Ms)));
  const cpuUsPerRequest = median(runs.map((r) => r.cpuUsPerRequest));
  const allocatedKbPerRequest = round(median(runs.map((r) => r.allocatedKbPerRequest)), 1);
  return {
    mix,
    rps,
    throughputRatio: round(rps / off.rps),
    p50Ms: round(median(runs.map((r) => r.throughput.p50Ms))),
    p99Ms: round(median(runs.map((r) => r.throughput.p99Ms))),
    latencyP50Ms: round(median(runs.map((r) => r.latency.p50Ms))),
    latencyP99Ms,
    addedP99Ms: round(latencyP99Ms - off.latencyP99Ms),
    cpuUsPerRequest,
    addedCpuUsPerRequest: round(cpuUsPerRequest - off.cpuUsPerRequest, 0),
    // Each round's run over that round's all-off run: drift of the machine's load between rounds cancels.
    cpuRatio: round(median(runs.map((r, i) => r.cpuUsPerRequest / off.runs[i]!.cpuUsPerRequest))),
    allocatedKbPerRequest,
    addedAllocatedKbPerRequest: round(allocatedKbPerRequest - off.allocatedKbPerRequest, 1),
    runs,
  };
}

/** Runs every mix once per round, all off first in each round (the baseline the round's runs alternate with). */
export async function benchOverhead(options: OverheadOptions): Promise<OverheadBench> {
  const off = options.mixes.find((mix) => mixKey(mix) === 'off');
  if (!off) throw new Error('the overhead bench needs the all-off mix as its baseline');
  const mixes = [off, ...options.mixes.filter((mix) => mix !== off)];
  const runs = new Map(mixes.map((mix) => [mix, [] as OverheadRun[]]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const mix of mixes) {
      const run = await measure(mix, options);
      runs.get(mix)!.push(run);
      options.progress(
        `overhead round ${round}/${options.rounds} ${mixKey(mix)}: ${run.throughput.rps} req/s, ${run.cpuUsPerRequest} µs CPU/request, ${run.allocatedKbPerRequest} KB/request, 1-connection p99 ${run.latency.p99Ms} ms`,
      );
    }
  }
  const offRuns = runs.get(off)!;
  const baseline: Baseline = {
    rps: median(offRuns.map((r) => r.throughput.rps)),
    latencyP99Ms: round(median(offRuns.map((r) => r.latency.p99Ms))),
    cpuUsPerRequest: median(offRuns.map((r) => r.cpuUsPerRequest)),
    allocatedKbPerRequest: round(median(offRuns.map((r) => r.allocatedKbPerRequest)), 1),
    runs: offRuns,
  };
  return {
    path: PATH,
    connections: options.connections,
    rounds: options.rounds,
    durations: { warmupS: options.warmupS, throughputS: options.throughputS, latencyS: options.latencyS },
    mixes: Object.fromEntries(mixes.map((mix) => [mixKey(mix), summarise(mix, runs.get(mix)!, baseline)])),
  };
}
