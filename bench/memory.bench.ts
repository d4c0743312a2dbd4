/**
 * The backend's resident memory after a fixed time at load: all off, all on, and all on with the OTLP
 * receiver down (exports fail, so spans pile up to the batch processor's queue bound, then drop) or
 * hanging (exports never answered). RSS is sampled along the way, so a figure that is still climbing
 * shows as such: the long run (`--long`) keeps the OTLP faults up for 10 minutes to show the curve.
 */
import { drainReceived, rssMiB, startBenchBackend, type Received } from './backend.js';
import { runLoad } from './load.js';

export const MEMORY_CASES = ['off', 'all', 'allOtlpDown', 'allOtlpHanging'] as const;
export type MemoryCase = (typeof MEMORY_CASES)[number];

/** The default run's cases; the long run's are the OTLP faults. */
export const SHORT_MEMORY_CASES: readonly MemoryCase[] = ['off', 'all', 'allOtlpDown'];
export const LONG_MEMORY_CASES: readonly MemoryCase[] = ['allOtlpDown', 'allOtlpHanging'];

export interface MemoryRun {
  /** RSS right after start, before any load. */
  idleMiB: number;
  /** RSS at the end of the load. */
  rssMiB: number;
  /** RSS every `sampleEveryS` during the load. */
  samplesMiB: number[];
  rps: number;
}

export interface MemoryBench {
  loadS: number;
  connections: number;
  sampleEveryS: number;
  cases: Partial<Record<MemoryCase, MemoryRun>>;
}

async function measure(memoryCase: MemoryCase, loadS: number, connections: number, sampleEveryS: number): Promise<MemoryRun> {
  const traced = await startBenchBackend({ variant: memoryCase === 'off' ? 'off' : 'all', pipeline: 'sdk', sampling: 'all' });
  const received: Received = { segments: 0, spans: 0 };
  const pid = traced.backend.child.pid!;
  const samplesMiB: number[] = [];
  const sampler = setInterval(() => {
    samplesMiB.push(rssMiB(pid));
    drainReceived(traced, received);
  }, sampleEveryS * 1_000);
  try {
    if (memoryCase === 'allOtlpDown') await traced.otlp.stop();
    if (memoryCase === 'allOtlpHanging') traced.otlp.fail('hang');
    const idleMiB = rssMiB(pid);
    const load = await runLoad({ url: `${traced.backend.url}/api/activities/home`, connections, durationS: loadS });
    const rss = rssMiB(pid);
    if (load.failures > 0) throw new Error(`memory ${memoryCase}: ${load.failures} failed requests under load`);
    return { idleMiB, rssMiB: rss, samplesMiB, rps: load.rps };
  } finally {
    clearInterval(sampler);
    await traced.stop();
  }
}

export interface MemoryOptions {
  cases: readonly MemoryCase[];
  loadS: number;
  connections: number;
  sampleEveryS: number;
  progress: (line: string) => void;
}

export async function benchMemory(options: MemoryOptions): Promise<MemoryBench> {
  const cases: MemoryBench['cases'] = {};
  for (const memoryCase of options.cases) {
    const run = await measure(memoryCase, options.loadS, options.connections, options.sampleEveryS);
    cases[memoryCase] = run;
    options.progress(`memory ${memoryCase}: ${run.rssMiB} MiB RSS after ${options.loadS} s at ${run.rps} req/s (every ${options.sampleEveryS} s: ${run.samplesMiB.join(', ')})`);
  }
  return { loadS: options.loadS, connections: options.connections, sampleEveryS: options.sampleEveryS, cases };
}
