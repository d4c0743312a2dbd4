/** The shapes `verify-traces` works with: what it sent, what each destination confirmed. */
import type { TraceDelivery, XrayPipeline } from '@cruddur/trace-contract';

export type DestinationName = 'xray' | 'honeycomb' | 'rollbar' | 'local';

/**
 * How strong the evidence is: `delivered`, the destination's ingest API accepted the backend's own
 * export or item carrying the trace (from the backend's delivery record); `stored`, read back from
 * the destination.
 */
export type Proof = 'delivered' | 'stored';

/** One line of the report; also the `--json` shape of a destination (interfaces.md). */
export interface DestinationResult {
  name: DestinationName;
  ok: boolean;
  proof?: Proof;
  /** X-Ray only: the pipeline the backend runs (`sdk`: SDK → daemon; `otel`: OTLP to X-Ray). */
  pipeline?: XrayPipeline;
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

/** What every destination is handed: the one trace, when it was sent, and the backend's record of it. */
export interface TraceProbe {
  /** X-Ray spelling, `1-5f8a1b2c-<24 hex>`. */
  traceId: string;
  otelTraceId: string;
  sentAtMs: number;
  sent: readonly SentRequest[];
  timeoutMs: number;
  /** The backend's delivery record of this trace, read afresh; undefined while it holds none. */
  readDelivery(): Promise<TraceDelivery | undefined>;
}

export interface Confirmation {
  proof: Proof;
  link?: string;
}

export interface Destination {
  name: DestinationName;
  pipeline?: XrayPipeline;
  /** Resolves once the trace is confirmed; throws a ToolkitError naming the first broken link and its fix. */
  verify(probe: TraceProbe): Promise<Confirmation>;
}
