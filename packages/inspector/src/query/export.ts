/**
 * A trace as a download: the inspector's own JSON (segments, spans and items as stored, which
 * loses nothing), or OTLP/JSON (an ExportTraceServiceRequest of the spans, for any OTLP tool).
 */
import { xrayToOtelTraceId } from '@cruddur/trace-contract';
import type { StoredItem, StoredSpan, StoredTrace } from '../store/types.js';

export interface TraceExport {
  format: 'cruddur-inspector-trace';
  version: 1;
  traceId: string;
  segments: StoredTrace['segments'];
  spans: StoredSpan[];
  items: StoredItem[];
}

export function traceExport(trace: StoredTrace, items: readonly StoredItem[]): TraceExport {
  return {
    format: 'cruddur-inspector-trace',
    version: 1,
    traceId: trace.traceId,
    segments: trace.segments,
    spans: trace.spans,
    items: [...items],
  };
}

/** OTLP/JSON AnyValue: 64-bit integers as strings, as the protobuf JSON mapping says. */
type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;
interface KeyValue {
  key: string;
  value: AnyValue;
}

function anyValue(value: unknown): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'object' && value !== null)
    return { kvlistValue: { values: keyValues(value as Record<string, unknown>) } };
  return {};
}

function keyValues(attributes: Record<string, unknown>): KeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

/** Epoch milliseconds (microsecond precision, as stored) to nanoseconds as a decimal string. */
function nanos(ms: number): string {
  return (BigInt(Math.round(ms * 1_000)) * 1_000n).toString();
}

function otlpSpan(span: StoredSpan, traceId: string) {
  return {
    traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: nanos(span.startMs),
    endTimeUnixNano: nanos(span.endMs),
    attributes: keyValues(span.attributes),
    events: (span.events ?? []).map((event) => ({
      timeUnixNano: nanos(event.timeMs),
      name: event.name,
      attributes: keyValues(event.attributes),
    })),
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
  };
}

/** One resource per service and one scope per instrumentation, as an exporter would batch them. */
export function otlpJsonExport(trace: StoredTrace): unknown {
  const traceId = xrayToOtelTraceId(trace.traceId);
  const byService = new Map<string, Map<string, StoredSpan[]>>();
  for (const span of trace.spans) {
    const scopes = byService.get(span.serviceName) ?? new Map<string, StoredSpan[]>();
    scopes.set(span.scope, [...(scopes.get(span.scope) ?? []), span]);
    byService.set(span.serviceName, scopes);
  }
  return {
    resourceSpans: [...byService].map(([service, scopes]) => ({
      resource: { attributes: keyValues({ 'service.name': service }) },
      scopeSpans: [...scopes].map(([scope, spans]) => ({
        scope: { name: scope },
        spans: spans.map((span) => otlpSpan(span, traceId)),
      })),
    })),
  };
}
