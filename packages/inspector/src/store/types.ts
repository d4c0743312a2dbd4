/**
 * What the inspector keeps: per trace, the X-Ray segments and the OTel spans that name it, plus the
 * Rollbar items that carry a trace id. Everything is plain JSON so the store file is readable.
 */
import type { AttributeValue } from '../otlp/decode.js';
import type { XraySegment } from '@cruddur/trace-contract';

export interface StoredSpan {
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** SpanKind as on the wire: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Epoch milliseconds (fractional): nanoseconds do not fit JSON numbers, microseconds do. */
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  status: { code: number; message: string | undefined };
  /** Absent in snapshots saved before events were kept. */
  events?: StoredEvent[];
  serviceName: string;
  scope: string;
}

export interface StoredEvent {
  name: string;
  timeMs: number;
  attributes: Record<string, AttributeValue>;
}

export interface StoredTrace {
  /** Always the X-Ray spelling (`1-5f8a1b2c-<24 hex>`), whichever protocol named it first. */
  traceId: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Segments and independently sent subsegments, as received; a resend of an id replaces it. */
  segments: XraySegment[];
  spans: StoredSpan[];
}

/** The parts of a Rollbar item worth showing; the full payload (request, frames) is not kept. */
export interface StoredItem {
  uuid: string;
  receivedMs: number;
  /** When the error happened, as the SDK stamped it (`data.timestamp`, whole seconds); absent in older snapshots. */
  timestampMs?: number;
  traceId: string | undefined;
  level: string;
  environment: string | undefined;
  title: string;
  request: { method: string | undefined; url: string | undefined } | undefined;
}

export interface StoreSnapshot {
  version: 1;
  traces: StoredTrace[];
  items: StoredItem[];
}
