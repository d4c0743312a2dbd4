/**
 * The trace list's filters: route (part of a request's operation), status, minimum duration and free
 * text over names and attribute values. Parsed from the query string once, then matched per trace.
 */
import type { InspectedTrace } from './tree.js';
import type { NodeStatus } from './types.js';
import { walk } from './walk.js';

export interface TraceFilter {
  route: string | undefined;
  status: NodeStatus | undefined;
  minMs: number | undefined;
  text: string | undefined;
}

const STATUSES: readonly NodeStatus[] = ['ok', 'client-error', 'error'];

/** A filter, or the sentence that says which parameter is wrong and what it takes. */
export function parseTraceFilter(params: URLSearchParams): TraceFilter | { problem: string } {
  const value = (name: string) => params.get(name)?.trim() || undefined;
  const status = value('status');
  if (status !== undefined && !STATUSES.includes(status as NodeStatus))
    return { problem: `status=${status} is not one of ${STATUSES.join(', ')}` };
  const minRaw = value('minMs');
  const minMs = minRaw === undefined ? undefined : Number(minRaw);
  if (minMs !== undefined && !(Number.isFinite(minMs) && minMs >= 0))
    return { problem: `minMs=${minRaw} is not a number of milliseconds (0 or more)` };
  return {
    route: value('route')?.toLowerCase(),
    status: status as NodeStatus | undefined,
    minMs,
    text: value('q')?.toLowerCase(),
  };
}

/** Every request of the trace as `GET /api/activities/home`: what the route filter and its suggestions use. */
export function operationsOf(trace: InspectedTrace): string[] {
  return [
    ...new Set(
      [...trace.xray, ...trace.otel].flatMap((root) =>
        root.request?.method && root.request.path ? [`${root.request.method} ${root.request.path}`] : [],
      ),
    ),
  ];
}

function stringsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [String(value)];
}

/** Names, details, attribute values, event names and exception messages, item titles: lowercased. */
function searchable(trace: InspectedTrace): string {
  const nodes = walk([...trace.xray, ...trace.otel]);
  const parts = nodes.flatMap((node) => [
    node.name,
    node.detail,
    ...stringsOf(node.attributes),
    ...node.events.flatMap((event) => [event.name, event.exception?.message ?? '']),
  ]);
  return [...parts, trace.summary.operation, ...trace.items.map((item) => item.title)].join('\n').toLowerCase();
}

export function matchesFilter(trace: InspectedTrace, filter: TraceFilter): boolean {
  const { summary } = trace;
  if (filter.status !== undefined && summary.status !== filter.status) return false;
  if (filter.minMs !== undefined && summary.durationMs < filter.minMs) return false;
  if (
    filter.route !== undefined &&
    ![summary.operation, ...operationsOf(trace)].some((operation) => operation.toLowerCase().includes(filter.route!))
  )
    return false;
  return filter.text === undefined || searchable(trace).includes(filter.text);
}
