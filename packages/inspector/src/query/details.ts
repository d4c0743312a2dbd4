/**
 * What the details panel shows of a node: attributes grouped (`http`, `app`, `resource` for OTel;
 * `http`, `flags`, `annotations`, `metadata`, `aws`, … for X-Ray) and events, exceptions with their stack.
 */
import type { XraySegment } from '@cruddur/trace-contract';
import type { StoredSpan } from '../store/types.js';
import type { DetailGroup, NodeEvent } from './types.js';

/** Attribute namespaces of the HTTP semantic conventions, old and stable. */
const HTTP_KEY = /^(http|url|server|client|network|net|user_agent)\./;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function group(title: string, entries: Record<string, unknown>): DetailGroup[] {
  return Object.keys(entries).length > 0 ? [{ title, entries }] : [];
}

export function spanGroups(span: StoredSpan): DetailGroup[] {
  const http: Record<string, unknown> = {};
  const app: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) (HTTP_KEY.test(key) ? http : app)[key] = value;
  const status = {
    'status.code': ['unset', 'ok', 'error'][span.status.code] ?? span.status.code,
    ...(span.status.message ? { 'status.message': span.status.message } : {}),
  };
  return [
    ...group('http', http),
    ...group('app', app),
    ...group('span', status),
    ...group('resource', { 'service.name': span.serviceName, 'otel.scope.name': span.scope }),
  ];
}

export function spanEvents(span: StoredSpan): NodeEvent[] {
  return (span.events ?? []).map((event) => ({
    name: event.name,
    atMs: event.timeMs,
    attributes: event.attributes,
    exception:
      event.name === 'exception'
        ? {
            type: text(event.attributes['exception.type']),
            message: text(event.attributes['exception.message']),
            stack: text(event.attributes['exception.stacktrace']),
          }
        : undefined,
  }));
}

/** `http.request.method`, `http.response.status`, …: one level flattened, as the console shows them. */
function flatten(prefix: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { [prefix]: value };
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => Object.entries(flatten(`${prefix}.${key}`, inner))),
  );
}

/** Fields of a segment document the panel shows in groups of their own or not at all. */
const SHOWN_APART = new Set([
  'name',
  'id',
  'trace_id',
  'parent_id',
  'start_time',
  'end_time',
  'subsegments',
  'http',
  'annotations',
  'metadata',
  'cause',
  'fault',
  'error',
  'throttle',
  'in_progress',
]);

export function segmentGroups(segment: XraySegment): DetailGroup[] {
  const flags = {
    fault: Boolean(segment.fault),
    error: Boolean(segment.error),
    throttle: Boolean(segment.throttle),
    ...(segment.in_progress ? { in_progress: true } : {}),
  };
  const other = Object.fromEntries(Object.entries(segment).filter(([key]) => !SHOWN_APART.has(key)));
  return [
    ...group('http', segment.http ? flatten('http', segment.http) : {}),
    ...group('flags', flags),
    ...group('annotations', segment.annotations ?? {}),
    ...group('metadata', segment.metadata ?? {}),
    ...group('segment', other),
  ];
}

interface XrayStackFrame {
  path?: unknown;
  line?: unknown;
  label?: unknown;
}
interface XrayException {
  type?: unknown;
  message?: unknown;
  stack?: XrayStackFrame[];
}

function frameLine(frame: XrayStackFrame): string {
  const where = [text(frame.path), typeof frame.line === 'number' ? String(frame.line) : undefined]
    .filter(Boolean)
    .join(':');
  return `    at ${text(frame.label) ?? '<anonymous>'}${where ? ` (${where})` : ''}`;
}

/** `cause.exceptions` as exception events at the segment's end (X-Ray records no time for them). */
export function segmentEvents(segment: XraySegment): NodeEvent[] {
  const cause = segment.cause as { exceptions?: XrayException[] } | undefined;
  const exceptions =
    typeof cause === 'object' && cause !== null && Array.isArray(cause.exceptions) ? cause.exceptions : [];
  const atMs = (segment.end_time ?? segment.start_time) * 1000;
  return exceptions.map((exception) => {
    const type = text(exception.type);
    const message = text(exception.message);
    const frames = Array.isArray(exception.stack) ? exception.stack.map(frameLine) : [];
    return {
      name: 'exception',
      atMs,
      attributes: {},
      exception: {
        type,
        message,
        stack: frames.length > 0 ? [[type, message].filter(Boolean).join(': '), ...frames].join('\n') : undefined,
      },
    };
  });
}
