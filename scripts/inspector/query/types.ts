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
  error: boolean;
  /** OTel attributes; X-Ray annotations (`annotations.*`) and metadata (`metadata.<namespace>`). */
  attributes: Record<string, unknown>;
  children: TraceNode[];
}

export interface TraceSummary {
  traceId: string;
  otelTraceId: string;
  /** The root operations, e.g. `GET /api/activities/home`, in start order, without repeats. */
  roots: string[];
  startMs: number;
  durationMs: number;
  lastSeenMs: number;
  counts: { segments: number; spans: number; items: number };
  error: boolean;
}

export interface TraceView extends TraceSummary {
  xray: TraceNode[];
  otel: TraceNode[];
  items: StoredItem[];
}
