/**
 * What reached the fakes, counted by trace id: a request is delivered to X-Ray when its segment
 * arrived, to OpenTelemetry when its server span did (the span that ends last), to Rollbar when an
 * item names it in `custom.trace_id`.
 */
import type { TracedBackend } from '../../test-support/traced-backend.js';
import { waitFor } from '../../test-support/wait.js';
import { xrayToOtelTraceId } from '@cruddur/trace-contract';
import { TEST_DEADLINE_MS } from '../../test-support/deadline.js';

export type Destination = 'xray' | 'otlp' | 'rollbar';

const SERVER_SPAN = 2;

/** How many times each trace id arrived at `destination`. */
export function arrivals(t: TracedBackend, destination: Destination): Map<string, number> {
  const ids =
    destination === 'xray'
      ? t.xray.segments.map((s) => s.trace_id)
      : destination === 'otlp'
        ? t.otlp
            .spans()
            .filter((s) => s.kind === SERVER_SPAN)
            .map((s) => s.traceId)
        : t.rollbar.items.map((i) => String(i.data['custom']?.trace_id));
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** `roots` in the spelling `destination` uses. */
const spelled = (destination: Destination, roots: readonly string[]) =>
  destination === 'otlp' ? roots.map(xrayToOtelTraceId) : [...roots];

/** The roots that have not (yet) arrived at `destination`. */
export function missing(t: TracedBackend, destination: Destination, roots: readonly string[]): string[] {
  const arrived = arrivals(t, destination);
  return spelled(destination, roots).filter((id) => !arrived.has(id));
}

/** Waits until every root has arrived at `destination` at least once. */
export async function waitForDelivery(
  t: TracedBackend,
  destination: Destination,
  roots: readonly string[],
  timeoutMs = TEST_DEADLINE_MS,
): Promise<void> {
  let left: string[] = [];
  await waitFor(
    `${roots.length} trace(s) to reach ${destination}`,
    async () => {
      left = missing(t, destination, roots);
      return left.length === 0 || undefined;
    },
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; ${left.length} never arrived, e.g. ${left.slice(0, 3).join(', ')}`);
  });
}

/** The roots that arrived more than once at `destination` (a retry that duplicated an export, say). */
export function duplicated(t: TracedBackend, destination: Destination, roots: readonly string[]): string[] {
  const arrived = arrivals(t, destination);
  return spelled(destination, roots).filter((id) => (arrived.get(id) ?? 0) > 1);
}
