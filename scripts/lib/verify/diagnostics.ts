/**
 * The backend's own answer: its delivery record at `DIAGNOSTICS_PATH` (the trace contract). Asked
 * first, before any request is sent, so a backend that cannot say what it does is its own error.
 */
import {
  diagnosticsPathFor,
  DIAGNOSTICS_PATH,
  DIAGNOSTICS_VARIABLE,
  type DeliveryRecord,
  type TraceDelivery,
} from '@cruddur/trace-contract';
import { ToolkitError } from '../errors.js';

export const START_FIX =
  'start the stack with npm run setup (or npm run up), or point at the backend with --backend URL / BACKEND_URL';

const NO_ENDPOINT_FIX = `rebuild and restart the backend from this repository (npm run down && npm run setup), and do not set ${DIAGNOSTICS_VARIABLE}=off (nor NODE_ENV=production) for it`;

function causeOf(err: unknown): string {
  if (err instanceof Error && err.cause instanceof Error)
    return (err.cause as NodeJS.ErrnoException).code ?? err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

function isDeliveryRecord(body: unknown): body is DeliveryRecord {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Partial<DeliveryRecord>;
  return (
    record.version === 1 &&
    typeof record.paths === 'object' &&
    Array.isArray(record.traces) &&
    (record.xrayPipeline === 'sdk' || record.xrayPipeline === 'otel')
  );
}

/** The record, or a ToolkitError: the backend does not answer, has no diagnostics endpoint, or answers something else. */
export async function readDeliveryRecord(backendUrl: string, traceId?: string): Promise<DeliveryRecord> {
  const url = `${backendUrl}${diagnosticsPathFor(traceId)}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ToolkitError(`the backend at ${backendUrl} does not answer (${causeOf(err)})`, START_FIX);
  }
  if (response.status === 404) {
    await response.arrayBuffer();
    throw new ToolkitError(
      `the backend at ${backendUrl} has no diagnostics endpoint (${DIAGNOSTICS_PATH} answers 404): it is an older build, or ${DIAGNOSTICS_VARIABLE}=off switched it off, so it cannot say what it sends where`,
      NO_ENDPOINT_FIX,
    );
  }
  const body: unknown = response.ok
    ? await response.json().catch(() => undefined)
    : await response.arrayBuffer().then(() => undefined);
  if (!isDeliveryRecord(body)) {
    throw new ToolkitError(
      `${url} answered HTTP ${response.status} without a delivery record (version 1): this is not the Cruddur backend, or another version of it`,
      `check --backend / BACKEND_URL points at backend-flask-ts; ${NO_ENDPOINT_FIX}`,
    );
  }
  return body;
}

/** One trace of the record, by either spelling of its id. */
export function traceOf(record: DeliveryRecord, traceId: string, otelTraceId: string): TraceDelivery | undefined {
  return record.traces.find((trace) => trace.traceId === traceId || trace.otelTraceId === otelTraceId);
}
