/** The shapes `verify-traces` works with: what it sent, what each destination confirmed. */
export type DestinationName = 'xray' | 'honeycomb' | 'rollbar' | 'local';

/** One line of the report; also the `--json` shape of a destination (interfaces.md). */
export interface DestinationResult {
  name: DestinationName;
  ok: boolean;
  /** Milliseconds from sending the requests until the destination confirmed (or gave up). */
  ms: number;
  link?: string;
  error?: string;
}

/** A request verify-traces sends, and what its trace must show in every destination. */
export interface TaggedRequest {
  label: string;
  path: string;
  status: number;
  /** X-Ray subsegment names under this request's segment. */
  subsegments: readonly string[];
  /** OTel span names under this request's server span. */
  spans: readonly string[];
  /** Whether the backend reports this request to Rollbar. */
  reported: boolean;
}

export interface SentRequest {
  request: TaggedRequest;
  status: number;
  /** The backend's span id for the request, from `traceresponse`, when it says. */
  spanId: string | undefined;
}

/** What every destination is handed: the one trace and when it was sent. */
export interface TraceProbe {
  /** X-Ray spelling, `1-5f8a1b2c-<24 hex>`. */
  traceId: string;
  otelTraceId: string;
  sentAtMs: number;
  sent: readonly SentRequest[];
  timeoutMs: number;
}

export interface Destination {
  name: DestinationName;
  /** Resolves once the trace is confirmed (with a link where one exists); throws a ToolkitError naming the cause and fix. */
  verify(probe: TraceProbe): Promise<{ link?: string }>;
}
