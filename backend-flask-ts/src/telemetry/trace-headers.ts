/**
 * What the backend does with the trace headers: hand X-Ray's middleware the request's trace in a form
 * it reads correctly. Parsing and writing the headers is the trace contract's.
 */
import { formatXrayTraceHeader, parseIncomingTrace, XRAY_TRACE_HEADER } from '@cruddur/trace-contract';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The `X-Amzn-Trace-Id` to hand X-Ray for a request when OpenTelemetry does not name its trace: the
 * incoming trace (a `traceparent` included), or none for X-Ray to start a trace when the headers are
 * absent or malformed.
 */
export function xrayRequestHeaderFor(headers: Headers): string | undefined {
  const incoming = parseIncomingTrace(headers);
  return incoming && formatXrayTraceHeader(incoming);
}

/** Sets (or, for `undefined`, removes) the `X-Amzn-Trace-Id` that X-Ray's `openSegment` will read. */
export function setXrayRequestHeader(
  req: { headers: Record<string, string | string[] | undefined> },
  value: string | undefined,
): void {
  if (value === undefined) delete req.headers[XRAY_TRACE_HEADER];
  else req.headers[XRAY_TRACE_HEADER] = value;
}
