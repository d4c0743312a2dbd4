/**
 * The trace headers on the wire, parsed and written by pure functions: X-Ray's `X-Amzn-Trace-Id`
 * (`Root=1-…;Parent=…;Sampled=1`) and W3C's `traceparent` / `traceresponse`
 * (`00-<trace id>-<span id>-<flags>`). Ids are kept in OpenTelemetry's spelling.
 */
import { isOtelTraceId, otelToXrayTraceId, xrayToOtelTraceId } from './trace-id.js';

export const XRAY_TRACE_HEADER = 'x-amzn-trace-id';
export const TRACEPARENT_HEADER = 'traceparent';
export const TRACERESPONSE_HEADER = 'traceresponse';

/** A trace as a header names it. */
export interface HeaderTrace {
  /** OpenTelemetry spelling (32 hex digits). */
  traceId: string;
  /** The caller's span; absent when the caller only started the trace (a load balancer's `Root=`). */
  parentId?: string;
  /** The caller's decision; absent when it left the decision to the receiver (`Sampled=?` or none). */
  sampled?: boolean;
}

const XRAY_ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const INVALID_SPAN_ID = '0'.repeat(16);
const W3C = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isSpanId(value: string): boolean {
  return SPAN_ID.test(value) && value !== INVALID_SPAN_ID;
}

/**
 * `X-Amzn-Trace-Id` in every form callers send, a first hop's `Root=` without `Parent=` included.
 * Keys are case-insensitive as in the X-Ray SDK; other fields (`Self=`, `Lineage=`) are ignored.
 */
export function parseXrayTraceHeader(value: string | undefined): HeaderTrace | undefined {
  if (!value) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0)
      fields.set(
        part.slice(0, separator).trim().toLowerCase(),
        part
          .slice(separator + 1)
          .trim()
          .toLowerCase(),
      );
  }
  const root = fields.get('root');
  if (root === undefined || !XRAY_ROOT.test(root)) return undefined;
  const traceId = xrayToOtelTraceId(root);
  if (!isOtelTraceId(traceId)) return undefined;
  const trace: HeaderTrace = { traceId };
  const parent = fields.get('parent');
  if (parent !== undefined && isSpanId(parent)) trace.parentId = parent;
  const sampled = fields.get('sampled');
  if (sampled === '1' || sampled === '0') trace.sampled = sampled === '1';
  return trace;
}

/** `Root=…[;Parent=…][;Sampled=0|1]`: what X-Ray's middleware reads and a caller sends. */
export function formatXrayTraceHeader(trace: HeaderTrace): string {
  const parent = trace.parentId ? `;Parent=${trace.parentId}` : '';
  const sampled = trace.sampled === undefined ? '' : `;Sampled=${trace.sampled ? 1 : 0}`;
  return `Root=${otelToXrayTraceId(trace.traceId)}${parent}${sampled}`;
}

/** W3C `traceparent` or `traceresponse` (same grammar): always a span and a decision; version `ff` is invalid. */
export function parseW3cTraceHeader(value: string | undefined): Required<HeaderTrace> | undefined {
  const match = value === undefined ? null : W3C.exec(value.trim().toLowerCase());
  if (!match || match[1] === 'ff' || !isOtelTraceId(match[2]!) || !isSpanId(match[3]!)) return undefined;
  return { traceId: match[2]!, parentId: match[3]!, sampled: (Number.parseInt(match[4]!, 16) & 1) === 1 };
}

export function formatW3cTraceHeader(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-0${sampled ? 1 : 0}`;
}

type HeaderValue = string | string[] | undefined;

/** The request's trace: `traceparent` wins over `X-Amzn-Trace-Id`, as in OpenTelemetry's composite propagator. */
export function parseIncomingTrace(headers: Readonly<Record<string, HeaderValue>>): HeaderTrace | undefined {
  const first = (value: HeaderValue) => (Array.isArray(value) ? value[0] : value);
  return (
    parseW3cTraceHeader(first(headers[TRACEPARENT_HEADER])) ?? parseXrayTraceHeader(first(headers[XRAY_TRACE_HEADER]))
  );
}

/** The response headers that name a request's trace: X-Ray's and W3C's `traceresponse`. */
export function traceResponseHeaders(
  traceId: string,
  spanId: string,
  sampled: boolean,
): Record<typeof XRAY_TRACE_HEADER | typeof TRACERESPONSE_HEADER, string> {
  return {
    [XRAY_TRACE_HEADER]: formatXrayTraceHeader({ traceId, sampled }),
    [TRACERESPONSE_HEADER]: formatW3cTraceHeader(traceId, spanId, sampled),
  };
}
