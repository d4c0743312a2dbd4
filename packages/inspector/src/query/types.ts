/** The inspector API's answer shapes: shared by the JSON API, `npm run traces`, the page and verify-traces. */
import type { StoredItem } from '../store/types.js';

export interface TraceNode {
  source: 'xray' | 'otel';
  id: string;
  name: string;
  /** What the node did, in a few words: `GET /api/activities/home 200`, `server /api/activities/home`. */
  detail: string;
  /** The HTTP request a segment or server span served, where it says so. */
  request: { method: string | undefined; path: string | undefined; status: number | undefined } | undefined;
  startMs: number;
  /** Absent while an X-Ray segment is still in progress. */
  endMs: number | undefined;
  /** A server fault: OTel status ERROR, an exception, a 5xx, an X-Ray `fault`. Never a 4xx. */
  error: boolean;
  /** OTel attributes; X-Ray annotations (`annotations.*`) and metadata (`metadata.<namespace>`). */
  attributes: Record<string, unknown>;
  children: TraceNode[];
}

/**
 * `error` is a server fault (5xx, an exception, OTel status ERROR); `client-error` a 4xx or an X-Ray
 * `error`/`throttle`, which OpenTelemetry leaves unset on server spans and so do we.
 */
export type NodeStatus = 'ok' | 'client-error' | 'error';

export interface NodeEvent {
  name: string;
  atMs: number;
  attributes: Record<string, unknown>;
  /** OTel `exception` events and X-Ray `cause.exceptions`, the stack as text (one frame a line). */
  exception: { type: string | undefined; message: string | undefined; stack: string | undefined } | undefined;
}

/** Attributes in the groups the details panel shows: `http`, `app`, `resource`, `annotations`, … */
export interface DetailGroup {
  title: string;
  entries: Record<string, unknown>;
}

/** A node with what the details panel needs. */
export interface InspectedNode extends TraceNode {
  parentId: string | undefined;
  status: NodeStatus;
  groups: DetailGroup[];
  events: NodeEvent[];
  children: InspectedNode[];
}

export interface ItemMarker {
  uuid: string;
  atMs: number;
  level: string;
  title: string;
}

/**
 * One line of the merged tree, in display order: a request, then its X-Ray segment tree and its OTel
 * span tree, on one time axis. The page and `npm run traces` draw these same rows.
 */
export interface TraceRow {
  key: string;
  parentKey: string | undefined;
  depth: number;
  source: 'request' | 'xray' | 'otel';
  /** The segment or span id (none for request rows). */
  nodeId: string | undefined;
  name: string;
  detail: string;
  startMs: number;
  endMs: number | undefined;
  status: NodeStatus;
  /** On the request's critical path: the chain of work its end waited for. */
  critical: boolean;
  hasChildren: boolean;
  /** Rollbar items placed on this row at their time. */
  markers: ItemMarker[];
}

export interface TraceSummary {
  traceId: string;
  otelTraceId: string;
  /** The service of the first request, e.g. `backend-flask`. */
  service: string;
  /** The first request, e.g. `GET /api/activities/home`; the root span's name when there is no request. */
  operation: string;
  /** Every request of the trace, e.g. `backend-flask GET /api/activities/home 200`, in start order. */
  roots: string[];
  startMs: number;
  durationMs: number;
  lastSeenMs: number;
  counts: { segments: number; spans: number; items: number };
  status: NodeStatus;
}

export interface TraceView extends TraceSummary {
  xray: InspectedNode[];
  otel: InspectedNode[];
  items: StoredItem[];
  rows: TraceRow[];
}
