/**
 * Decodes OTLP/HTTP trace exports (protobuf and JSON) into plain spans. The protobuf side is read by
 * protobufjs from the schema in `otlp-trace-schema.ts`; both encodings then share one mapping.
 */
import protobuf from 'protobufjs';
import { OTLP_TRACE_SCHEMA } from './trace-schema.js';

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface OtlpSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
  status: { code: number; message: string | undefined };
  /** Span events in time order, e.g. `exception` with `exception.type`, `.message`, `.stacktrace`. */
  events: OtlpEvent[];
  resource: Record<string, AttributeValue>;
  scope: { name: string; version: string | undefined };
}

export interface OtlpEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
}

let requestType: protobuf.Type | undefined;

/** Loaded on first use: most processes that import this never see a protobuf export. */
function exportTraceServiceRequest(): protobuf.Type {
  if (!requestType) {
    requestType = protobuf.Root.fromJSON(OTLP_TRACE_SCHEMA).lookupType(
      'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
    );
  }
  return requestType;
}

/** The JSON mapping of OTLP (ids as hex, 64-bit ints as strings or numbers), which protobuf decoding is converted to. */
interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: JsonKeyValue[] };
  bytesValue?: string;
}
interface JsonKeyValue {
  key: string;
  value?: JsonAnyValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: JsonKeyValue[];
  status?: { code?: number; message?: string };
  events?: Array<{ name?: string; timeUnixNano?: string | number; attributes?: JsonKeyValue[] }>;
}
interface JsonRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: JsonKeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string; version?: string }; spans?: JsonSpan[] }>;
  }>;
}

function anyValue(value: JsonAnyValue | undefined): AttributeValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValue);
  if (value.kvlistValue !== undefined) return keyValues(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
}

function keyValues(list: JsonKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, anyValue(kv.value)]));
}

function spansOf(request: JsonRequest): OtlpSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = keyValues(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        traceId: span.traceId.toLowerCase(),
        spanId: span.spanId.toLowerCase(),
        parentSpanId: span.parentSpanId ? span.parentSpanId.toLowerCase() : undefined,
        name: span.name,
        kind: span.kind ?? 0,
        startTimeUnixNano: BigInt(span.startTimeUnixNano),
        endTimeUnixNano: BigInt(span.endTimeUnixNano),
        attributes: keyValues(span.attributes),
        status: { code: span.status?.code ?? 0, message: span.status?.message || undefined },
        events: (span.events ?? []).map((event) => ({
          name: event.name ?? '',
          timeUnixNano: BigInt(event.timeUnixNano ?? 0),
          attributes: keyValues(event.attributes),
        })),
        resource,
        scope: { name: scopeSpans.scope?.name ?? '', version: scopeSpans.scope?.version || undefined },
      })),
    );
  });
}

export function decodeOtlpProtobuf(body: Uint8Array): OtlpSpan[] {
  const type = exportTraceServiceRequest();
  const message = type.decode(body);
  // protobufjs gives bytes as Buffers; OTLP/JSON gives ids as hex. Convert once, then share one path.
  const json = type.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false }) as JsonRequest;
  const hex = (base64: string | undefined) => (base64 ? Buffer.from(base64, 'base64').toString('hex') : undefined);
  for (const resourceSpans of json.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        span.traceId = hex(span.traceId) ?? '';
        span.spanId = hex(span.spanId) ?? '';
        span.parentSpanId = hex(span.parentSpanId);
      }
    }
  }
  return spansOf(json);
}

export function decodeOtlpJson(body: Uint8Array | string): OtlpSpan[] {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  return spansOf(JSON.parse(text) as JsonRequest);
}

/** Decodes by Content-Type, as an OTLP/HTTP receiver must; anything else is refused. */
export function decodeOtlpTraces(body: Uint8Array, contentType: string | undefined): OtlpSpan[] {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-protobuf') return decodeOtlpProtobuf(body);
  if (type === 'application/json') return decodeOtlpJson(body);
  throw new Error(
    `unsupported OTLP content type ${JSON.stringify(contentType)} (expected application/x-protobuf or application/json)`,
  );
}
