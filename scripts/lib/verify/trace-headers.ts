/**
 * The trace headers the backend answers with: `X-Amzn-Trace-Id` (X-Ray) and `traceresponse`
 * (W3C Trace Context Level 2). They tell whether the backend joined our trace and sampled it.
 */
export interface AmznTraceHeader {
  root: string | undefined;
  parent: string | undefined;
  /** `Sampled=1` / `Sampled=0`; undefined when the header leaves the decision open (`?` or absent). */
  sampled: boolean | undefined;
}

export function parseAmznTraceHeader(value: string): AmznTraceHeader {
  const fields = new Map(
    value.split(';').map((part) => {
      const [key = '', ...rest] = part.trim().split('=');
      return [key.toLowerCase(), rest.join('=')] as const;
    }),
  );
  const sampled = fields.get('sampled');
  return { root: fields.get('root')?.toLowerCase(), parent: fields.get('parent'), sampled: sampled === '1' ? true : sampled === '0' ? false : undefined };
}

export interface TraceResponse {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const TRACE_RESPONSE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** `00-<trace id>-<span id>-<flags>`; undefined when malformed. */
export function parseTraceResponse(value: string): TraceResponse | undefined {
  const match = TRACE_RESPONSE.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  return { traceId: match[2]!, spanId: match[3]!, sampled: (Number.parseInt(match[4]!, 16) & 1) === 1 };
}

/** What a response says about our trace, from whichever headers it carries. */
export interface TraceVerdict {
  /** The trace ids the response names (X-Ray spelling and/or OTel spelling, lowercased). */
  named: string[];
  sampled: boolean | undefined;
  spanId: string | undefined;
}

export function readTraceHeaders(headers: Headers): TraceVerdict {
  const amzn = headers.get('x-amzn-trace-id');
  const response = headers.get('traceresponse');
  const xray = amzn === null ? undefined : parseAmznTraceHeader(amzn);
  const w3c = response === null ? undefined : parseTraceResponse(response);
  const decisions = [xray?.sampled, w3c?.sampled].filter((d): d is boolean => d !== undefined);
  return {
    named: [xray?.root, w3c?.traceId].filter((id): id is string => id !== undefined),
    sampled: decisions.length === 0 ? undefined : decisions.every(Boolean),
    spanId: w3c?.spanId,
  };
}
