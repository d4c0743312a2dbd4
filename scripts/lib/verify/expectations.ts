/**
 * What the trace must hold, checked on trace trees (the inspector's, or X-Ray's documents turned
 * into the same trees): a segment and a server span per request, with the named subsegments and
 * spans under them, and a Rollbar item for the error. Each gap is a short phrase for the report.
 */
import { DEFAULTS } from '@cruddur/trace-contract';
import type { StoredItem, TraceNode } from '@cruddur/inspector';
import type { SentRequest } from './types.js';

function descendants(node: TraceNode): TraceNode[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

function everyNode(roots: readonly TraceNode[]): TraceNode[] {
  return roots.flatMap((root) => [root, ...descendants(root)]);
}

function missingNames(node: TraceNode, expected: readonly string[]): string[] {
  const names = new Set(descendants(node).map((child) => child.name));
  return expected.filter((name) => !names.has(name));
}

/** The segment name X-Ray dynamic naming may give: the default, or a Host matching `AWS_XRAY_URL` (`*` and `?` wildcards). */
export function segmentNameAccepted(name: string, xrayUrlPattern: string | undefined): boolean {
  if (name === DEFAULTS.xraySegmentName) return true;
  if (!xrayUrlPattern) return false;
  const regex = new RegExp(
    `^${xrayUrlPattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(name);
}

export function xrayGaps(roots: readonly TraceNode[], sent: readonly SentRequest[], xrayUrlPattern?: string): string[] {
  return sent.flatMap(({ request }) => {
    const segment = roots.find((node) => node.request?.path === request.path);
    if (!segment) return [`no segment for ${request.path}`];
    const gaps: string[] = [];
    if (!segmentNameAccepted(segment.name, xrayUrlPattern))
      gaps.push(`the segment for ${request.path} is named "${segment.name}", not ${DEFAULTS.xraySegmentName}`);
    const missing = missingNames(segment, request.subsegments);
    if (missing.length > 0) gaps.push(`the segment for ${request.path} has no subsegment ${missing.join(', ')}`);
    return gaps;
  });
}

export function otelGaps(roots: readonly TraceNode[], sent: readonly SentRequest[]): string[] {
  const nodes = everyNode(roots);
  return sent.flatMap(({ request, spanId }) => {
    // The server span is the one `traceresponse` named; else the one that served the path.
    const server =
      nodes.find((node) => node.id === spanId) ?? nodes.find((node) => node.request?.path === request.path);
    if (!server) return [`no span for ${request.path}`];
    const missing = missingNames(server, request.spans);
    return missing.length > 0 ? [`the span for ${request.path} has no child span ${missing.join(', ')}`] : [];
  });
}

function itemPath(item: StoredItem): string | undefined {
  return item.request?.url === undefined ? undefined : new URL(item.request.url, 'http://host').pathname;
}

/** An item names its request's URL when the SDK saw the request; an error item without one still counts. */
export function itemGaps(items: readonly StoredItem[], sent: readonly SentRequest[]): string[] {
  const reportsFor = (path: string) =>
    items.some(
      (item) =>
        itemPath(item) === path ||
        (itemPath(item) === undefined && (item.level === 'error' || item.level === 'critical')),
    );
  return sent
    .filter(({ request }) => request.reported && !reportsFor(request.path))
    .map(({ request }) => `no Rollbar item for ${request.path}`);
}
