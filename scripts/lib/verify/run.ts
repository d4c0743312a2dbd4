/**
 * The verification itself: one new trace id, the tagged requests, then every destination proven
 * in parallel against the backend's delivery record and the destinations themselves, each against
 * its own deadline. Failures become results, never early exits, so the report covers every destination.
 */
import { newXrayTraceId, xrayToOtelTraceId } from '@cruddur/trace-contract';
import { failureLine, ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';
import { readDeliveryRecord, traceOf } from './diagnostics.js';
import { sendTaggedRequests, TAGGED_REQUESTS } from './requests.js';
import type { Destination, DestinationResult, TraceProbe } from './types.js';

export interface VerifyOutcome {
  traceId: string;
  otelTraceId: string;
  results: DestinationResult[];
  /** The errors of the failed destinations, in report order. */
  failures: ToolkitError[];
}

const PROGRESS_EVERY_MS = 10_000;

function asToolkitError(name: string, err: unknown): ToolkitError {
  return err instanceof ToolkitError
    ? err
    : new ToolkitError(
        `${name}: unexpected error: ${err instanceof Error ? err.message : String(err)}`,
        'rerun with DEBUG=1 for details, and open an issue if it persists',
      );
}

export async function verifyTraces(
  destinations: readonly Destination[],
  backendUrl: string,
  timeoutMs: number,
  log: Log,
): Promise<VerifyOutcome> {
  const traceId = newXrayTraceId();
  const otelTraceId = xrayToOtelTraceId(traceId);
  const sentAtMs = Date.now();
  log.step(`sending ${TAGGED_REQUESTS.length} tagged requests to ${backendUrl} in trace ${traceId} (Sampled=1)`);
  let sent;
  try {
    sent = await sendTaggedRequests(backendUrl, traceId);
  } catch (err) {
    const error = asToolkitError('requests', err);
    return {
      traceId,
      otelTraceId,
      results: destinations.map(({ name }) => ({ name, ok: false, ms: 0, error: failureLine(error) })),
      failures: destinations.map(() => error),
    };
  }
  const readDelivery = async () => traceOf(await readDeliveryRecord(backendUrl, traceId), traceId, otelTraceId);
  const probe: TraceProbe = { traceId, otelTraceId, sentAtMs, sent, timeoutMs, readDelivery };
  const pending = new Set(destinations.map(({ name }) => name));
  log.step(`waiting for ${[...pending].join(', ')} to confirm (up to ${Math.round(timeoutMs / 1000)} s each)`);
  const ticker = setInterval(
    () => log.step(`still waiting for ${[...pending].join(', ')} (${Math.round((Date.now() - sentAtMs) / 1000)} s)`),
    PROGRESS_EVERY_MS,
  );
  try {
    const settled = await Promise.all(
      destinations.map(async (destination) => {
        const pipeline = destination.pipeline;
        const pipelineField = pipeline === undefined ? {} : { pipeline };
        try {
          const { proof, link } = await destination.verify(probe);
          const ms = Date.now() - sentAtMs;
          log.ok(
            `${destination.name} confirmed the trace after ${ms} ms: ${proof}${pipeline ? ` through the ${pipeline} pipeline` : ''}`,
          );
          return {
            result: {
              name: destination.name,
              ok: true,
              proof,
              ...pipelineField,
              ms,
              ...(link !== undefined && { link }),
            },
            failure: undefined,
          };
        } catch (err) {
          const failure = asToolkitError(destination.name, err);
          return {
            result: {
              name: destination.name,
              ok: false,
              ...pipelineField,
              ms: Date.now() - sentAtMs,
              error: failureLine(failure),
            },
            failure,
          };
        } finally {
          pending.delete(destination.name);
        }
      }),
    );
    return {
      traceId,
      otelTraceId,
      results: settled.map(({ result }) => result),
      failures: settled.flatMap(({ failure }) => (failure ? [failure] : [])),
    };
  } finally {
    clearInterval(ticker);
  }
}
