/**
 * Trees from what was stored: X-Ray segments with their subsegments (embedded or sent on their own),
 * and OTel spans by parent id. Both sides keep their own structure; they meet on the trace id.
 */
import { xrayToOtelTraceId, type XraySegment } from '@cruddur/trace-contract';
import type { StoredItem, StoredSpan, StoredTrace } from '../store/types.js';
import type { TraceNode, TraceSummary, TraceView } from './types.js';

const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
/** OTel status code 2 is ERROR. */
const STATUS_ERROR = 2;

function urlPath(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://host').pathname;
  } catch {
    return url;
  }
}

type NodeRequest = TraceNode['request'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function segmentRequest(segment: XraySegment): NodeRequest {
  if (segment.http?.request === undefined) return undefined;
  return { method: text(segment.http.request.method), path: urlPath(segment.http.request.url), status: number(segment.http.response?.status) };
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

function byStart(a: TraceNode, b: TraceNode): number {
  return a.startMs - b.startMs;
}

/** Every node by id, and each attached node's parent (to refuse cycles). */
interface TreeIndex {
  byId: Map<string, TraceNode>;
  parents: Map<TraceNode, TraceNode>;
}

function newIndex(): TreeIndex {
  return { byId: new Map(), parents: new Map() };
}

function segmentNode(segment: XraySegment, index: TreeIndex): TraceNode {
  const request = segmentRequest(segment);
  const node: TraceNode = {
    source: 'xray',
    id: segment.id,
    name: segment.name,
    detail: segmentDetail(segment, request),
    request,
    startMs: segment.start_time * 1000,
    endMs: typeof segment.end_time === 'number' ? segment.end_time * 1000 : undefined,
    error: Boolean(segment.error || segment.fault),
    attributes: segmentAttributes(segment),
    children: (segment.subsegments ?? []).map((sub) => segmentNode(sub, index)).sort(byStart),
  };
  for (const child of node.children) index.parents.set(child, node);
  index.byId.set(node.id, node);
  return node;
}

/**
 * Makes every node first (so the index is complete), then attaches each to its known parent; the
 * rest are roots. Parent ids come from the wire: one that would close a cycle is ignored.
 */
function link<T>(records: readonly T[], toNode: (record: T) => TraceNode, parentOf: (record: T) => string | undefined, index: TreeIndex): TraceNode[] {
  const nodes = records.map((record) => [toNode(record), parentOf(record)] as const);
  const isAncestor = (candidate: TraceNode, of: TraceNode): boolean => {
    for (let at: TraceNode | undefined = of; at !== undefined; at = index.parents.get(at)) if (at === candidate) return true;
    return false;
  };
  const roots: TraceNode[] = [];
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

export function xrayTree(segments: readonly XraySegment[]): TraceNode[] {
  const index = newIndex();
  return link(segments, (segment) => segmentNode(segment, index), (segment) => segment.parent_id, index);
}

function spanDetail(span: StoredSpan, request: NodeRequest): string {
  return [SPAN_KINDS[span.kind] ?? `kind ${span.kind}`, span.attributes['http.route'], request?.status].filter((part) => part !== undefined).join(' ');
}

export function otelTree(spans: readonly StoredSpan[]): TraceNode[] {
  const index = newIndex();
  const toNode = (span: StoredSpan): TraceNode => {
    const request = spanRequest(span);
    const node: TraceNode = {
      source: 'otel',
      id: span.spanId,
      name: span.name,
      detail: spanDetail(span, request),
      request,
      startMs: span.startMs,
      endMs: span.endMs,
      error: span.status.code === STATUS_ERROR,
      attributes: { ...span.attributes, 'service.name': span.serviceName },
      children: [],
    };
    index.byId.set(node.id, node);
    return node;
  };
  return link(spans, toNode, (span) => span.parentSpanId, index);
}

function walk(nodes: readonly TraceNode[]): TraceNode[] {
  return nodes.flatMap((node) => [node, ...walk(node.children)]);
}

function rootLabel(node: TraceNode): string {
  return node.source === 'xray' ? `${node.name} ${node.detail}` : node.name;
}

function summaryOf(trace: StoredTrace, items: readonly StoredItem[], xray: TraceNode[], otel: TraceNode[]): TraceSummary {
  const all = walk([...xray, ...otel]);
  const startMs = Math.min(...all.map((node) => node.startMs), trace.firstSeenMs);
  const endMs = Math.max(...all.map((node) => node.endMs ?? node.startMs), startMs);
  return {
    traceId: trace.traceId,
    otelTraceId: xrayToOtelTraceId(trace.traceId),
    // X-Ray roots name the request with its path; OTel server spans do too, so either side will do.
    roots: [...new Set((xray.length > 0 ? xray : otel).map(rootLabel))],
    startMs,
    durationMs: endMs - startMs,
    lastSeenMs: trace.lastSeenMs,
    counts: { segments: trace.segments.length, spans: trace.spans.length, items: items.length },
    error: all.some((node) => node.error) || items.some((item) => item.level === 'error' || item.level === 'critical'),
  };
}

export function summarize(trace: StoredTrace, items: readonly StoredItem[]): TraceSummary {
  return summaryOf(trace, items, xrayTree(trace.segments), otelTree(trace.spans));
}

export function viewOf(trace: StoredTrace, items: readonly StoredItem[]): TraceView {
  const xray = xrayTree(trace.segments);
  const otel = otelTree(trace.spans);
  return { ...summaryOf(trace, items, xray, otel), xray, otel, items: [...items] };
}
