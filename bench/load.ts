/**
 * One autocannon run against a URL, in a process of its own (`load-process.ts`): the local receivers
 * live in the bench's process, and decoding spans there must not slow the load generator down.
 * Latency percentiles are computed from every response's own time (autocannon's histogram rounds to
 * whole milliseconds, too coarse for a "< 1 ms" goal).
 */
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
}

export interface LoadResult {
  /** Completed 2xx responses per second over the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers plus connection errors and timeouts: a valid benchmark has none. */
  failures: number;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs in the load process. */
export async function generateLoad({ url, connections, durationS }: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: durationS,
        setupClient: (client) =>
          client.on('response', (statusCode, _bytes, responseTime) => {
            if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
          }),
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
  });
  times.sort((a, b) => a - b);
  return {
    rps: round(times.length / result.duration, 0),
    p50Ms: round(percentile(times, 0.5)),
    p99Ms: round(percentile(times, 0.99)),
    requests: times.length,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

const LOAD_PROCESS = new URL('./load-process.ts', import.meta.url);

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_PROCESS, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'] });
    let result: LoadResult | undefined;
    child.once('message', (message) => (result = message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load process exited (${code}) without a result`)),
    );
  });
}
