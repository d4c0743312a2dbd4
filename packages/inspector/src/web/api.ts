/** The inspector's read and admin API: what `npm run traces`, the page and `verify-traces` ask for. */
import { limitProblem, type StoreLimits, type TraceStore } from '../store/trace-store.js';
import { matchesFilter, operationsOf, parseTraceFilter } from '../query/filter.js';
import { inspectTrace, viewOf } from '../query/tree.js';
import type { TraceSummary, TraceView } from '../query/types.js';
import { HttpError } from './http-error.js';
import { traceLinks, type LinkBuilders, type TraceLinks } from './links.js';

export const DEFAULT_LIST_LIMIT = 50;

export interface Health {
  ok: true;
  service: 'cruddur-inspector';
  traces: number;
  droppedRecords: number;
  startedAt: string;
}

export function health(store: TraceStore, startedAtMs: number): Health {
  return {
    ok: true,
    service: 'cruddur-inspector',
    traces: store.traces().length,
    droppedRecords: store.droppedRecords,
    startedAt: new Date(startedAtMs).toISOString(),
  };
}

export function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIST_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, `limit=${raw} is not a positive whole number`);
  return limit;
}

export interface TraceList {
  /** Newest first by start time, filtered, at most `limit`. */
  traces: TraceSummary[];
  /** How many traces the filters let through, and how many the store holds. */
  matched: number;
  total: number;
  /** Every request operation in the store, for the route filter's suggestions. */
  routes: string[];
  limits: StoreLimits;
  droppedRecords: number;
}

/** `?limit=&route=&status=&minMs=&q=`; a bad parameter is a 400 that names it. */
export function listTraces(store: TraceStore, params: URLSearchParams): TraceList {
  const limit = parseLimit(params.get('limit'));
  const filter = parseTraceFilter(params);
  if ('problem' in filter) throw new HttpError(400, filter.problem);
  const all = store.traces().map((trace) => inspectTrace(trace, store.itemsOf(trace.traceId)));
  all.sort((a, b) => b.summary.startMs - a.summary.startMs);
  const matched = all.filter((trace) => matchesFilter(trace, filter));
  return {
    traces: matched.slice(0, limit).map((trace) => trace.summary),
    matched: matched.length,
    total: all.length,
    routes: [...new Set(all.flatMap(operationsOf))].sort(),
    limits: store.limits,
    droppedRecords: store.droppedRecords,
  };
}

/** One trace by either spelling of its id, with links out where cloud settings exist. */
export function getTrace(store: TraceStore, id: string, links: LinkBuilders = {}): TraceView & { links: TraceLinks } {
  const trace = store.trace(id);
  if (!trace) throw new HttpError(404, `no trace ${id} here (yet)`);
  const view = viewOf(trace, store.itemsOf(trace.traceId));
  return { ...view, links: traceLinks(links, view) };
}

/** `PUT /api/limits` with e.g. `{"maxTraces": 500}`: only known names, each a whole number in range. */
export function updateLimits(store: TraceStore, body: unknown): StoreLimits {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'send a JSON object such as {"maxTraces": 500}');
  const known = Object.keys(store.limits);
  const changes: Partial<StoreLimits> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!known.includes(name)) throw new HttpError(400, `${name} is not a limit (limits: ${known.join(', ')})`);
    const problem = limitProblem(name, value);
    if (problem) throw new HttpError(400, problem);
    changes[name as keyof StoreLimits] = value as number;
  }
  store.setLimits(changes);
  return store.limits;
}
