/**
 * What counts as an error, one rule for both protocols: a server fault (OTel status ERROR, an
 * exception, a 5xx, X-Ray `fault`) is an error; a 4xx (X-Ray `error`, `throttle`) is a client error,
 * shown apart, as OpenTelemetry leaves server spans of 4xx answers unset.
 */
import type { XraySegment } from '@cruddur/trace-contract';
import type { StoredSpan } from '../store/types.js';
import type { NodeStatus } from './types.js';

/** OTel status code 2 is ERROR. */
const STATUS_ERROR = 2;

const RANK: Record<NodeStatus, number> = { ok: 0, 'client-error': 1, error: 2 };

export function worst(statuses: Iterable<NodeStatus>): NodeStatus {
  let result: NodeStatus = 'ok';
  for (const status of statuses) if (RANK[status] > RANK[result]) result = status;
  return result;
}

function fromHttpStatus(status: number | undefined): NodeStatus {
  if (status === undefined) return 'ok';
  if (status >= 500) return 'error';
  return status >= 400 ? 'client-error' : 'ok';
}

export function spanStatus(span: StoredSpan, httpStatus: number | undefined): NodeStatus {
  if (span.status.code === STATUS_ERROR || (span.events ?? []).some((event) => event.name === 'exception'))
    return 'error';
  return fromHttpStatus(httpStatus);
}

export function segmentStatus(segment: XraySegment, httpStatus: number | undefined): NodeStatus {
  if (segment.fault) return 'error';
  return worst([fromHttpStatus(httpStatus), segment.error || segment.throttle ? 'client-error' : 'ok']);
}

/** Rollbar levels that mean something broke. */
export function itemStatus(level: string): NodeStatus {
  return level === 'error' || level === 'critical' ? 'error' : 'ok';
}
