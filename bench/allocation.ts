/**
 * Bytes the backend allocated on V8's heap, from its `--trace-gc-nvp` lines: each garbage collection
 * prints `allocated=N`, the bytes allocated since the previous one (its heap size before this GC
 * minus the size after the last). Summed over the GCs of a load window and divided by the window's
 * requests, it is the allocation per request; what was allocated after the window's last GC (at most
 * one young generation, a few MB) is left out at the end and, symmetrically, counted at the start.
 * Sampling heap statistics instead would see only what survives, not what was allocated. Off-heap
 * memory (Buffer backing stores) is not counted; RSS covers it.
 */
export const TRACE_GC_FLAG = '--trace-gc-nvp';

const ALLOCATED = /\ballocated=(\d+)/g;

/**
 * V8 prints the difference as an unsigned number: when the heap shrank between two GCs (memory given
 * back outside a GC) it wraps to nearly 2^64. Nothing was allocated then.
 */
const WRAPPED = 2 ** 53;

/** Bytes reported allocated in a stretch of the backend's output. */
export function allocatedBytes(output: string): number {
  let total = 0;
  for (const match of output.matchAll(ALLOCATED)) {
    const bytes = Number(match[1]);
    if (bytes < WRAPPED) total += bytes;
  }
  return total;
}
