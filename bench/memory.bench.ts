/**
 * The backend's resident memory after a fixed time at load: all off, all on, and all on with the OTLP
 * receiver down (exports fail, so spans pile up to the batch processor's queue bound, then drop).
 * RSS is sampled along the way, so a figure that is still climbing shows as such.
 */
import { drainReceived, rssMiB, startBenchBackend, type Received } from './backend.js';
import { runLoad } from './load.js';

export const MEMORY_CASES = ['off', 'all', 'allOtlpDown'] as const;
export type MemoryCase = (typeof MEMORY_CASES)[number];

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
  cases: Record<MemoryCase, MemoryRun>;
}

async function measure(memoryCase: MemoryCase, loadS: number, connections: number, sampleEveryS: number): Promise<MemoryRun> {
  const traced = await startBenchBackend(memoryCase === 'off' ? 'off' : 'all');
  const received: Received = { segments: 0, spans: 0 };
  const pid = traced.backend.child.pid!;
  const samplesMiB: number[] = [];
  const sampler = setInterval(() => {
    samplesMiB.push(rssMiB(pid));
    drainReceived(traced, received);
  }, sampleEveryS * 1_000);
  try {
    if (memoryCase === 'allOtlpDown') await traced.otlp.stop();
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

export async function benchMemory(options: { loadS: number; connections: number; sampleEveryS: number; progress: (line: string) => void }): Promise<MemoryBench> {
  const cases = {} as Record<MemoryCase, MemoryRun>;
  for (const memoryCase of MEMORY_CASES) {
    cases[memoryCase] = await measure(memoryCase, options.loadS, options.connections, options.sampleEveryS);
    options.progress(`memory ${memoryCase}: ${cases[memoryCase].rssMiB} MiB RSS after ${options.loadS} s at ${cases[memoryCase].rps} req/s`);
  }
  return { loadS: options.loadS, connections: options.connections, sampleEveryS: options.sampleEveryS, cases };
}
