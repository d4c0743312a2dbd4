/** The inspector's read API: what `npm run traces`, the page and `verify-traces` ask for. */
import type { TraceStore } from '../store/trace-store.js';
import { summarize, viewOf } from '../query/tree.js';
import type { TraceSummary, TraceView } from '../query/types.js';
import { HttpError } from '../http/errors.js';

export const DEFAULT_LIST_LIMIT = 50;

export interface Health {
  ok: true;
  service: 'cruddur-inspector';
  traces: number;
  droppedRecords: number;
  startedAt: string;
}

export function health(store: TraceStore, startedAtMs: number): Health {
  return { ok: true, service: 'cruddur-inspector', traces: store.traces().length, droppedRecords: store.droppedRecords, startedAt: new Date(startedAtMs).toISOString() };
}

export function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIST_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, `limit=${raw} is not a positive whole number`);
  return limit;
}

/** Newest first. */
export function listTraces(store: TraceStore, limit: number): { traces: TraceSummary[] } {
  return { traces: store.traces().slice(0, limit).map((trace) => summarize(trace, store.itemsOf(trace.traceId))) };
}

/** One trace by either spelling of its id. */
export function getTrace(store: TraceStore, id: string): TraceView {
  const trace = store.trace(id);
  if (!trace) throw new HttpError(404, `no trace ${id} here (yet)`);
  return viewOf(trace, store.itemsOf(trace.traceId));
}
