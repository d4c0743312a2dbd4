/**
 * The merged tree of a trace: each request once, its X-Ray segment tree and its OTel span tree side
 * by side under it, on one time axis; the critical path marked; Rollbar items placed on the span
 * they belong to. Both the page and `npm run traces` draw these rows.
 */
import type { StoredItem } from '../store/types.js';
import { worst } from './status.js';
import type { InspectedNode, ItemMarker, TraceRow } from './types.js';
import { walk } from './walk.js';

/** One request as both protocols saw it: the X-Ray root segment and the OTel root span, either may be missing. */
interface RequestGroup {
  xray: InspectedNode | undefined;
  otel: InspectedNode | undefined;
}

const endOf = (node: InspectedNode): number => node.endMs ?? node.startMs;

function overlapMs(a: InspectedNode, b: InspectedNode): number {
  return Math.min(endOf(a), endOf(b)) - Math.max(a.startMs, b.startMs);
}

/** Pairs each X-Ray root with the OTel root of the same path that overlaps it most; the rest stand alone. */
export function requestGroups(xray: readonly InspectedNode[], otel: readonly InspectedNode[]): RequestGroup[] {
  const unpaired = new Set(otel);
  const groups: RequestGroup[] = xray.map((segment) => {
    let best: InspectedNode | undefined;
    for (const span of unpaired) {
      if (
        segment.request?.path === undefined ||
        span.request?.path !== segment.request.path ||
        overlapMs(segment, span) < 0
      )
        continue;
      if (best === undefined || overlapMs(segment, span) > overlapMs(segment, best)) best = span;
    }
    if (best) unpaired.delete(best);
    return { xray: segment, otel: best };
  });
  groups.push(...[...unpaired].map((span) => ({ xray: undefined, otel: span })));
  const startOf = (group: RequestGroup) => Math.min(group.xray?.startMs ?? Infinity, group.otel?.startMs ?? Infinity);
  return groups.sort((a, b) => startOf(a) - startOf(b));
}

/**
 * The chain of work the node's end waited for: from its end backwards, the child that finished last
 * before the cursor, then the one before that child started, and so on, recursively.
 */
export function criticalPath(node: InspectedNode, into = new Set<InspectedNode>()): Set<InspectedNode> {
  into.add(node);
  let cursor = endOf(node);
  for (const child of [...node.children].sort((a, b) => endOf(b) - endOf(a))) {
    if (endOf(child) > cursor) continue;
    criticalPath(child, into);
    cursor = child.startMs;
  }
  return into;
}

function deepestContaining(node: InspectedNode, atMs: number): InspectedNode {
  const child = node.children.find((candidate) => candidate.startMs <= atMs && atMs <= endOf(candidate));
  return child ? deepestContaining(child, atMs) : node;
}

function firstError(node: InspectedNode): InspectedNode | undefined {
  for (const child of node.children) {
    const found = firstError(child);
    if (found) return found;
  }
  return node.status === 'error' ? node : undefined;
}

function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, 'http://host').pathname;
  } catch {
    return undefined;
  }
}

/**
 * Where an item goes: its request (by URL path, else by time), then the deepest failed node (the
 * exception is what Rollbar reports), else the deepest node running at the item's time. The SDK
 * stamps whole seconds and sends after the response, so the time is clamped into the node.
 */
function placeItem(
  item: StoredItem,
  groups: readonly RequestGroup[],
): { node: InspectedNode; marker: ItemMarker } | undefined {
  const path = pathOf(item.request?.url);
  const roots = groups.map((group) => group.otel ?? group.xray!);
  const timeMs = item.timestampMs ?? item.receivedMs;
  const root =
    roots.find((candidate) => path !== undefined && candidate.request?.path === path) ??
    roots.find((candidate) => candidate.startMs <= timeMs && timeMs <= endOf(candidate)) ??
    roots.at(-1);
  if (root === undefined) return undefined;
  const node = firstError(root) ?? deepestContaining(root, timeMs);
  const exceptionAt = node.events.find((event) => event.exception)?.atMs;
  const atMs = Math.min(Math.max(exceptionAt ?? timeMs, node.startMs), endOf(node));
  return { node, marker: { uuid: item.uuid, atMs, level: item.level, title: item.title } };
}

function nodeRows(
  node: InspectedNode,
  parentKey: string,
  depth: number,
  critical: ReadonlySet<InspectedNode>,
  markers: ReadonlyMap<InspectedNode, ItemMarker[]>,
): TraceRow[] {
  const key = `${node.source}:${node.id}`;
  const row: TraceRow = {
    key,
    parentKey,
    depth,
    source: node.source,
    nodeId: node.id,
    name: node.name,
    detail: node.detail,
    startMs: node.startMs,
    endMs: node.endMs,
    status: node.status,
    critical: critical.has(node),
    hasChildren: node.children.length > 0,
    markers: markers.get(node) ?? [],
  };
  return [row, ...node.children.flatMap((child) => nodeRows(child, key, depth + 1, critical, markers))];
}

function requestLabel(group: RequestGroup): { name: string; detail: string } {
  const root = group.xray ?? group.otel!;
  const request = group.xray?.request ?? group.otel?.request;
  const route = group.otel?.attributes['http.route'];
  const path = typeof route === 'string' ? route : request?.path;
  const name = request?.method && path ? `${request.method} ${path}` : root.name;
  const service = group.xray?.name ?? String(group.otel?.attributes['service.name'] ?? '');
  return { name, detail: [service, request?.status].filter((part) => part !== undefined && part !== '').join(' ') };
}

export function traceRows(
  xray: readonly InspectedNode[],
  otel: readonly InspectedNode[],
  items: readonly StoredItem[],
): TraceRow[] {
  const groups = requestGroups(xray, otel);
  const markers = new Map<InspectedNode, ItemMarker[]>();
  for (const item of items) {
    const placed = placeItem(item, groups);
    if (placed) markers.set(placed.node, [...(markers.get(placed.node) ?? []), placed.marker]);
  }
  return groups.flatMap((group, index) => {
    const roots = [group.xray, group.otel].filter((node): node is InspectedNode => node !== undefined);
    const critical = new Set(roots.flatMap((root) => [...criticalPath(root)]));
    const key = `request:${index}`;
    const ends = roots.map((root) => root.endMs);
    const requestRow: TraceRow = {
      key,
      parentKey: undefined,
      depth: 0,
      source: 'request',
      nodeId: undefined,
      ...requestLabel(group),
      startMs: Math.min(...roots.map((root) => root.startMs)),
      endMs: ends.includes(undefined) ? undefined : Math.max(...(ends as number[])),
      status: worst(walk(roots).map((node) => node.status)),
      critical: true,
      hasChildren: true,
      markers: [],
    };
    return [requestRow, ...roots.flatMap((root) => nodeRows(root, key, 1, critical, markers))];
  });
}
