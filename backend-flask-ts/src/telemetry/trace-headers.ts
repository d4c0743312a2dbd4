/**
 * The trace headers a request arrives with and a response leaves with, parsed and written by pure
 * functions. Ids are kept in OpenTelemetry's spelling (32 / 16 lowercase hex digits).
 */
import { isValidSpanId, isValidTraceId, TraceFlags } from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
import { otelToXrayTraceId, xrayToOtelTraceId } from './trace-id.js';

export interface IncomingTrace {
  traceId: string;
  /** The caller's span; absent when the caller only started the trace (a load balancer's `Root=`). */
  parentId?: string;
  /** The caller's decision; absent when it left the decision to us (`Sampled=?` or no flag). */
  sampled?: boolean;
}

const XRAY_ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/**
 * `X-Amzn-Trace-Id: Root=1-…;Parent=…;Sampled=1`, in every form callers send, including a first hop's
 * `Root=` without `Parent=`. Keys are case-insensitive as in the X-Ray SDK; other fields (`Self=`,
 * `Lineage=`) are ignored.
 */
export function parseXrayTraceHeader(value: string | undefined): IncomingTrace | undefined {
  if (!value) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) fields.set(part.slice(0, separator).trim().toLowerCase(), part.slice(separator + 1).trim().toLowerCase());
  }
  const root = fields.get('root');
  if (root === undefined || !XRAY_ROOT.test(root)) return undefined;
  const traceId = xrayToOtelTraceId(root);
  if (!isValidTraceId(traceId)) return undefined;
  const trace: IncomingTrace = { traceId };
  const parent = fields.get('parent');
  if (parent !== undefined && isValidSpanId(parent)) trace.parentId = parent;
  const sampled = fields.get('sampled');
  if (sampled === '1' || sampled === '0') trace.sampled = sampled === '1';
  return trace;
}

/** W3C `traceparent`, which always carries a parent and a decision. */
export function parseTraceparentHeader(value: string | undefined): IncomingTrace | undefined {
  const context = value ? parseTraceParent(value) : null;
  if (!context || !isValidTraceId(context.traceId) || !isValidSpanId(context.spanId)) return undefined;
  return { traceId: context.traceId, parentId: context.spanId, sampled: (context.traceFlags & TraceFlags.SAMPLED) !== 0 };
}

/** The request's trace: `traceparent` wins over `X-Amzn-Trace-Id`, as in the OpenTelemetry propagator. */
export function parseIncomingTrace(headers: Readonly<Record<string, string | string[] | undefined>>): IncomingTrace | undefined {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return parseTraceparentHeader(first(headers['traceparent'])) ?? parseXrayTraceHeader(first(headers['x-amzn-trace-id']));
}

/**
 * The `X-Amzn-Trace-Id` to hand X-Ray for a request when OpenTelemetry does not name its trace: the
 * incoming trace (a `traceparent` included) in a form the SDK reads correctly, or none for X-Ray to
 * start a trace when the headers are absent or malformed.
 */
export function xrayRequestHeaderFor(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const incoming = parseIncomingTrace(headers);
  return incoming && formatXrayRequestHeader(incoming);
}

/** The request header the X-Ray middleware reads, so its segment joins `trace` with its decision. */
export function formatXrayRequestHeader(trace: IncomingTrace): string {
  const parent = trace.parentId ? `;Parent=${trace.parentId}` : '';
  const sampled = trace.sampled === undefined ? '' : `;Sampled=${trace.sampled ? 1 : 0}`;
  return `Root=${otelToXrayTraceId(trace.traceId)}${parent}${sampled}`;
}

/** Sets (or, for `undefined`, removes) the `X-Amzn-Trace-Id` that X-Ray's `openSegment` will read. */
export function setXrayRequestHeader(req: { headers: Record<string, string | string[] | undefined> }, value: string | undefined): void {
  if (value === undefined) delete req.headers['x-amzn-trace-id'];
  else req.headers['x-amzn-trace-id'] = value;
}

/** The response headers that name the request's trace: X-Ray's and W3C's `traceresponse`. */
export function traceResponseHeaders(traceId: string, spanId: string, sampled: boolean): { 'x-amzn-trace-id': string; traceresponse: string } {
  return {
    'x-amzn-trace-id': `Root=${otelToXrayTraceId(traceId)};Sampled=${sampled ? 1 : 0}`,
    traceresponse: `00-${traceId}-${spanId}-0${sampled ? 1 : 0}`,
  };
}
