/**
 * One trace, two spellings: X-Ray writes `1-5f8a1b2c-<24 hex>`, OpenTelemetry `5f8a1b2c<24 hex>`.
 * The first 8 hex digits are the epoch seconds of the trace's start in both.
 */
import { randomFillSync } from 'node:crypto';

const XRAY_TRACE_ID = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const OTEL_TRACE_ID = /^[0-9a-f]{32}$/;
const INVALID_OTEL_TRACE_ID = '0'.repeat(32);

export function isXrayTraceId(value: string): boolean {
  return XRAY_TRACE_ID.test(value);
}

/** 32 lowercase hex digits, not all zero (W3C's invalid id). */
export function isOtelTraceId(value: string): boolean {
  return OTEL_TRACE_ID.test(value) && value !== INVALID_OTEL_TRACE_ID;
}

export function xrayToOtelTraceId(xrayTraceId: string): string {
  const match = XRAY_TRACE_ID.exec(xrayTraceId.toLowerCase());
  if (!match) throw new Error(`not an X-Ray trace id: ${JSON.stringify(xrayTraceId)}`);
  return `${match[1]}${match[2]}`;
}

export function otelToXrayTraceId(otelTraceId: string): string {
  const id = otelTraceId.toLowerCase();
  if (!OTEL_TRACE_ID.test(id)) throw new Error(`not an OpenTelemetry trace id: ${JSON.stringify(otelTraceId)}`);
  return `1-${id.slice(0, 8)}-${id.slice(8)}`;
}

/** Either spelling in, X-Ray's out; `undefined` for anything else. */
export function toXrayTraceId(traceId: string): string | undefined {
  const id = traceId.toLowerCase();
  if (isXrayTraceId(id)) return id;
  return isOtelTraceId(id) ? otelToXrayTraceId(id) : undefined;
}

/** Either spelling in, OpenTelemetry's out; `undefined` for anything else. */
export function toOtelTraceId(traceId: string): string | undefined {
  const id = traceId.toLowerCase();
  if (isOtelTraceId(id)) return id;
  return isXrayTraceId(id) ? xrayToOtelTraceId(id) : undefined;
}

/**
 * A new X-Ray-compatible trace id: epoch seconds, then 96 random bits (`random96`: 24 hex digits, from
 * a caller's own random source, e.g. a pool on a hot path; by default drawn here).
 */
export function newXrayTraceId(
  nowMs = Date.now(),
  random96 = randomFillSync(Buffer.alloc(12)).toString('hex'),
): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `1-${seconds}-${random96}`;
}
