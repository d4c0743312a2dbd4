/**
 * Trees from what was stored: X-Ray segments with their subsegments (embedded or sent on their own),
 * and OTel spans by parent id. Both sides keep their own structure; they meet on the trace id.
 */
import { xrayToOtelTraceId, type XraySegment } from '@cruddur/trace-contract';
import type { StoredItem, StoredSpan, StoredTrace } from '../store/types.js';
import { segmentEvents, segmentGroups, spanEvents, spanGroups } from './details.js';
import { traceRows } from './rows.js';
import { itemStatus, segmentStatus, spanStatus, worst } from './status.js';
import type { InspectedNode, TraceSummary, TraceView } from './types.js';
import { walk } from './walk.js';

const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function urlPath(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://host').pathname;
  } catch {
    return url;
  }
}

type NodeRequest = InspectedNode['request'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function segmentRequest(segment: XraySegment): NodeRequest {
  if (segment.http?.request === undefined) return undefined;
  return {
    method: text(segment.http.request.method),
    path: urlPath(segment.http.request.url),
    status: number(segment.http.response?.status),
  };
}

/** Old and stable HTTP semantic conventions both occur, depending on OTEL_SEMCONV_STABILITY_OPT_IN. */
function spanRequest(span: StoredSpan): NodeRequest {
  const a = span.attributes;
  const path = urlPath(a['url.path'] ?? a['http.target']);
  const method = text(a['http.request.method'] ?? a['http.method']);
  if (path === undefined && method === undefined) return undefined;
  return { method, path, status: number(a['http.response.status_code'] ?? a['http.status_code']) };
}

function segmentDetail(segment: XraySegment, request: NodeRequest): string {
  const parts = request ? [request.method, request.path, request.status].filter((part) => part !== undefined) : [];
  // Plain subsegments say nothing more than their name; remote calls say `remote` or `aws`.
  return parts.length > 0 ? parts.join(' ') : (segment.namespace ?? '');
}

function segmentAttributes(segment: XraySegment): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(segment.annotations ?? {})) attributes[`annotations.${key}`] = value;
  for (const [namespace, value] of Object.entries(segment.metadata ?? {})) attributes[`metadata.${namespace}`] = value;
  return attributes;
}

function byStart(a: InspectedNode, b: InspectedNode): number {
  return a.startMs - b.startMs;
}

/** Every node by id, and each attached node's parent (to refuse cycles). */
interface TreeIndex {
  byId: Map<string, InspectedNode>;
  parents: Map<InspectedNode, InspectedNode>;
}

function newIndex(): TreeIndex {
  return { byId: new Map(), parents: new Map() };
}

function segmentNode(segment: XraySegment, index: TreeIndex, parentId = segment.parent_id): InspectedNode {
  const request = segmentRequest(segment);
  const status = segmentStatus(segment, request?.status);
  const node: InspectedNode = {
    source: 'xray',
    id: segment.id,
    parentId,
    name: segment.name,
    detail: segmentDetail(segment, request),
    request,
    startMs: segment.start_time * 1000,
    endMs: typeof segment.end_time === 'number' ? segment.end_time * 1000 : undefined,
    error: status === 'error',
    status,
    attributes: segmentAttributes(segment),
    groups: segmentGroups(segment),
    events: segmentEvents(segment),
    children: (segment.subsegments ?? []).map((sub) => segmentNode(sub, index, segment.id)).sort(byStart),
  };
  for (const child of node.children) index.parents.set(child, node);
  index.byId.set(node.id, node);
  return node;
}

/**
 * Makes every node first (so the index is complete), then attaches each to its known parent; the
 * rest are roots. Parent ids come from the wire: one that would close a cycle is ignored.
 */
function link<T>(
  records: readonly T[],
  toNode: (record: T) => InspectedNode,
  parentOf: (record: T) => string | undefined,
  index: TreeIndex,
): InspectedNode[] {
  const nodes = records.map((record) => [toNode(record), parentOf(record)] as const);
  const isAncestor = (candidate: InspectedNode, of: InspectedNode): boolean => {
    for (let at: InspectedNode | undefined = of; at !== undefined; at = index.parents.get(at))
      if (at === candidate) return true;
    return false;
  };
  const roots: InspectedNode[] = [];
  for (const [node, parentId] of nodes) {
    const parent = parentId === undefined ? undefined : index.byId.get(parentId);
    if (parent && !isAncestor(node, parent)) {
      parent.children.push(node);
      index.parents.set(node, parent);
    } else {
      roots.push(node);
    }
  }
  for (const node of index.byId.values()) node.children.sort(byStart);
  return roots.sort(byStart);
}

export function xrayTree(segments: readonly XraySegment[]): InspectedNode[] {
  const index = newIndex();
  return link(
    segments,
    (segment) => segmentNode(segment, index),
    (segment) => segment.parent_id,
    index,
  );
}

function spanDetail(span: StoredSpan, request: NodeRequest): string {
  return [SPAN_KINDS[span.kind] ?? `kind ${span.kind}`, span.attributes['http.route'], request?.status]
    .filter((part) => part !== undefined)
    .join(' ');
}

export function otelTree(spans: readonly StoredSpan[]): InspectedNode[] {
  const index = newIndex();
  const toNode = (span: StoredSpan): InspectedNode => {
    const request = spanRequest(span);
    const status = spanStatus(span, request?.status);
    const node: InspectedNode = {
      source: 'otel',
      id: span.spanId,
      parentId: span.parentSpanId,
      name: span.name,
      detail: spanDetail(span, request),
      request,
      startMs: span.startMs,
      endMs: span.endMs,
      error: status === 'error',
      status,
      attributes: { ...span.attributes, 'service.name': span.serviceName },
      groups: spanGroups(span),
      events: spanEvents(span),
      children: [],
    };
    index.byId.set(node.id, node);
    return node;
  };
  return link(spans, toNode, (span) => span.parentSpanId, index);
}

function rootLabel(node: InspectedNode): string {
  return node.source === 'xray' ? `${node.name} ${node.detail}` : node.name;
}

/** `GET /api/activities/home` from the request a root served, else the root's name. */
export function operationOf(node: InspectedNode): string {
  const path =
    node.source === 'otel'
      ? ((node.attributes['http.route'] as string | undefined) ?? node.request?.path)
      : node.request?.path;
  return node.request?.method && path ? `${node.request.method} ${path}` : node.name;
}

function serviceOf(node: InspectedNode): string {
  return node.source === 'xray' ? node.name : String(node.attributes['service.name'] ?? 'unknown');
}

function summaryOf(
  trace: StoredTrace,
  items: readonly StoredItem[],
  xray: InspectedNode[],
  otel: InspectedNode[],
): TraceSummary {
  const all = walk([...xray, ...otel]);
  // A trace known only from a Rollbar item has no nodes: it starts when it was first seen.
  const startMs = all.length > 0 ? Math.min(...all.map((node) => node.startMs)) : trace.firstSeenMs;
  const endMs = Math.max(...all.map((node) => node.endMs ?? node.startMs), startMs);
  // X-Ray roots name the request with its path; OTel server spans do too, so either side will do.
  const first = [...xray, ...otel].sort(byStart)[0];
  return {
    traceId: trace.traceId,
    otelTraceId: xrayToOtelTraceId(trace.traceId),
    service: first ? serviceOf(first) : 'unknown',
    operation: first ? operationOf(first) : (items[0]?.title ?? '(no spans yet)'),
    roots: [...new Set((xray.length > 0 ? xray : otel).map(rootLabel))],
    startMs,
    durationMs: endMs - startMs,
    lastSeenMs: trace.lastSeenMs,
    counts: { segments: trace.segments.length, spans: trace.spans.length, items: items.length },
    status: worst([...all.map((node) => node.status), ...items.map((item) => itemStatus(item.level))]),
  };
}

/** A stored trace read once: its trees and its summary (what the list and its filters need). */
export interface InspectedTrace {
  summary: TraceSummary;
  xray: InspectedNode[];
  otel: InspectedNode[];
  items: readonly StoredItem[];
}

export function inspectTrace(trace: StoredTrace, items: readonly StoredItem[]): InspectedTrace {
  const xray = xrayTree(trace.segments);
  const otel = otelTree(trace.spans);
  return { summary: summaryOf(trace, items, xray, otel), xray, otel, items };
}

export function viewOf(trace: StoredTrace, items: readonly StoredItem[]): TraceView {
  const { summary, xray, otel } = inspectTrace(trace, items);
  return { ...summary, xray, otel, items: [...items], rows: traceRows(xray, otel, items) };
}
