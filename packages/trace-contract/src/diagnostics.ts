/**
 * The backend's delivery record, as its diagnostics endpoint answers it: which telemetry paths are
 * on (and why not), where each sends (keys only as fingerprints), and the outcome of its own exports
 * per trace. `verify-traces` reads it to decide what to prove and to name the first broken link.
 * Meant for the local developer: outside `/api` (no CORS), never a secret, bounded.
 */

/** `GET` this path on the backend; `?trace=<either spelling>` narrows `traces` to one trace. */
export const DIAGNOSTICS_PATH = '/_cruddur/telemetry';

/** `on` / `off`; unset: on, except when `NODE_ENV=production`. */
export const DIAGNOSTICS_VARIABLE = 'CRUDDUR_DIAGNOSTICS';

export type TelemetryPathName = 'otel' | 'xray' | 'rollbar';

/** Where a path sends. Every field is safe to print. */
export interface PathTarget {
  /** `honeycomb`, `otlp` (any other OTLP endpoint), `xray-otlp`, `xray-daemon`, `rollbar`. */
  kind: 'honeycomb' | 'otlp' | 'xray-otlp' | 'xray-daemon' | 'rollbar';
  /** URL, or `host:port` for the daemon. */
  address: string;
  /** The key or token as `maskSecret` shows it, when the target takes one. */
  keyFingerprint?: string;
  /** Honeycomb: the dataset / service name spans arrive under. */
  dataset?: string;
  /** X-Ray OTLP: the signing region. */
  region?: string;
}

export type PathStatus =
  | { on: false; reason: 'not-configured' | 'disabled' | 'failed-to-start'; detail: string }
  | { on: true; targets: PathTarget[]; detail: string };

/**
 * What became of one export: an OTLP batch (per target), a Rollbar item, an X-Ray segment.
 * `accepted`: the target's ingest API answered 2xx with nothing rejected.
 * `partially-rejected`: 2xx with `partial_success.rejected_spans` > 0.
 * `refused`: an HTTP error status. `failed`: no answer (network error, timeout).
 * `handed-over`: an X-Ray segment written to the daemon's UDP port (UDP has no acknowledgement).
 * `dropped`: never sent (queue full, too large, socket error).
 */
export type ExportOutcome = 'accepted' | 'partially-rejected' | 'refused' | 'failed' | 'handed-over' | 'dropped';

export interface ExportRecord {
  path: TelemetryPathName;
  target: PathTarget['kind'];
  outcome: ExportOutcome;
  /** ISO time the outcome was known. */
  at: string;
  status?: number;
  /** A short reason, never a secret (e.g. `ECONNREFUSED`, the body of a 4xx cut to 200 characters). */
  error?: string;
  /** OTLP: spans of this trace in the batch, and spans the target rejected. */
  spans?: number;
  rejectedSpans?: number;
  /** Rollbar: the item's uuid from the answer. */
  uuid?: string;
  /** X-Ray: the segment's name and the subsegment names it carried. */
  names?: string[];
}

export interface TraceDelivery {
  /** X-Ray spelling. */
  traceId: string;
  otelTraceId: string;
  /** Whether the backend sampled this trace. */
  sampled: boolean;
  exports: ExportRecord[];
}

export interface DeliveryRecord {
  version: 1;
  service: { name: string; pid: number; startedAt: string };
  /** `sdk` or `otel` (`CRUDDUR_XRAY_PIPELINE`). */
  xrayPipeline: 'sdk' | 'otel';
  paths: Record<TelemetryPathName, PathStatus>;
  /** The latest traces, newest last, at most `limit`. */
  traces: TraceDelivery[];
  limit: number;
}
