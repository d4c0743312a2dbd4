/**
 * The backend's delivery record, as its diagnostics endpoint answers it: which telemetry paths are
 * on (and why not), where each sends (keys only as fingerprints), and the outcome of its own exports
 * per trace. `verify-traces` reads it to decide what to prove and to name the first broken link.
 * Meant for the local developer: outside `/api` (no CORS), never a secret, bounded.
 *
 * When it is off the path is not mounted: the backend answers its JSON 404 there.
 */

/** `GET` this path on the backend; `?trace=<either spelling>` narrows `traces` to one trace. */
export const DIAGNOSTICS_PATH = '/_cruddur/telemetry';

/** `on` / `off`; unset: on, except when `NODE_ENV=production`. */
export const DIAGNOSTICS_VARIABLE = 'CRUDDUR_DIAGNOSTICS';

/** How many traces the record keeps (the latest; older ones are forgotten first). */
export const DIAGNOSTICS_TRACE_LIMIT = 200;

/** Export records kept per trace; later ones are counted in `TraceDelivery.omittedExports`. */
export const DIAGNOSTICS_EXPORTS_PER_TRACE = 32;

/** The path with `?trace=` for one trace (either spelling). */
export function diagnosticsPathFor(traceId?: string): string {
  return traceId === undefined ? DIAGNOSTICS_PATH : `${DIAGNOSTICS_PATH}?trace=${encodeURIComponent(traceId)}`;
}

/**
 * Whether the endpoint is on for an environment: `CRUDDUR_DIAGNOSTICS` (`on`/`off`, also
 * `true`/`false`/`1`/`0`, any case) wins; unset or unreadable, it is on unless `NODE_ENV=production`.
 */
export function diagnosticsEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const raw = env[DIAGNOSTICS_VARIABLE]?.trim().toLowerCase();
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  return env.NODE_ENV?.trim() !== 'production';
}

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
  /** X-Ray: the service (segment) name X-Ray shows. */
  serviceName?: string;
}

export type PathStatus =
  | { on: false; reason: 'not-configured' | 'disabled' | 'failed-to-start'; detail: string }
  | { on: true; targets: PathTarget[]; detail: string };

/**
 * What became of one export: an OTLP batch (per target), a Rollbar item, an X-Ray segment.
 * `accepted`: the target's ingest API answered 2xx with nothing rejected.
 * `partially-rejected`: 2xx with `partial_success.rejected_spans` > 0.
 * `refused`: an HTTP error status (Rollbar: an `err` answer). `failed`: no answer (network error, timeout).
 * `handed-over`: an X-Ray segment written to the daemon's UDP port (UDP has no acknowledgement).
 * `dropped`: never sent (queue full, too large, socket error).
 */
export type ExportOutcome = 'accepted' | 'partially-rejected' | 'refused' | 'failed' | 'handed-over' | 'dropped';

export interface ExportRecord {
  path: TelemetryPathName;
  target: PathTarget['kind'];
  outcome: ExportOutcome;
  /** ISO time the outcome was known (for HTTP: once the target answered, or gave up). */
  at: string;
  /** HTTP status of the last attempt, when there was an answer (Rollbar's client does not tell it). */
  status?: number;
  /** A short reason, never a secret (e.g. `ECONNREFUSED`, the body of a 4xx cut to 200 characters). */
  error?: string;
  /** OTLP: spans of this trace in the batch. */
  spans?: number;
  /** OTLP: spans of the whole batch the target rejected (`partial_success`; OTLP does not say which). */
  rejectedSpans?: number;
  /** OTLP: spans in the whole batch (other traces' included). */
  batchSpans?: number;
  /** OTLP: HTTP attempts made (more than 1 after retryable answers: 429, 502-504, network errors). */
  attempts?: number;
  /** Rollbar: the item's uuid from the answer. */
  uuid?: string;
  /** Rollbar: the item's level (`warning`, `error`, …). */
  level?: string;
  /** X-Ray: the segment's name and the subsegment names it carried. */
  names?: string[];
}

export interface TraceDelivery {
  /** X-Ray spelling. */
  traceId: string;
  otelTraceId: string;
  /**
   * Whether the backend sampled this trace. Requests are recorded as they start when OpenTelemetry is
   * on (sampled or not, health checks excepted); with X-Ray alone a trace appears with its first export.
   */
  sampled: boolean;
  /** ISO time the backend first saw the trace. */
  firstSeen?: string;
  exports: ExportRecord[];
  /** Export records not kept once `exports` held `DIAGNOSTICS_EXPORTS_PER_TRACE`. */
  omittedExports?: number;
}

/** Outcomes counted per target since the backend started, evicted traces included. */
export type ExportTotals = Partial<Record<PathTarget['kind'], Partial<Record<ExportOutcome, number>>>>;

export interface DeliveryRecord {
  version: 1;
  service: { name: string; pid: number; startedAt: string };
  /** `sdk` or `otel` (`CRUDDUR_XRAY_PIPELINE`). */
  xrayPipeline: 'sdk' | 'otel';
  paths: Record<TelemetryPathName, PathStatus>;
  /** The latest traces, newest last, at most `limit`. */
  traces: TraceDelivery[];
  limit: number;
  totals?: ExportTotals;
}
