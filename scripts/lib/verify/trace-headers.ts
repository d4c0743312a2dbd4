/**
 * What the backend's answer says about our trace: `X-Amzn-Trace-Id` (X-Ray) and `traceresponse`
 * (W3C Trace Context Level 2) tell whether it joined the trace and sampled it.
 */
import {
  otelToXrayTraceId,
  parseW3cTraceHeader,
  parseXrayTraceHeader,
  TRACERESPONSE_HEADER,
  XRAY_TRACE_HEADER,
} from '@cruddur/trace-contract';

export interface TraceVerdict {
  /** The trace ids the response names, in X-Ray's spelling. */
  named: string[];
  sampled: boolean | undefined;
  spanId: string | undefined;
}

export function readTraceHeaders(headers: Headers): TraceVerdict {
  const xray = parseXrayTraceHeader(headers.get(XRAY_TRACE_HEADER) ?? undefined);
  const w3c = parseW3cTraceHeader(headers.get(TRACERESPONSE_HEADER) ?? undefined);
  const decisions = [xray?.sampled, w3c?.sampled].filter((d): d is boolean => d !== undefined);
  return {
    named: [xray?.traceId, w3c?.traceId].filter((id): id is string => id !== undefined).map(otelToXrayTraceId),
    sampled: decisions.length === 0 ? undefined : decisions.every(Boolean),
    spanId: w3c?.parentId,
  };
}
