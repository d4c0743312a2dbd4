/**
 * The delivery record behind the diagnostics endpoint: per telemetry path whether it is on and where
 * it sends, and per trace what became of the backend's own exports. Bounded: the latest
 * `DIAGNOSTICS_TRACE_LIMIT` traces (a Map in insertion order, the oldest evicted first), at most
 * `DIAGNOSTICS_EXPORTS_PER_TRACE` records each. The hot path (a request starting, a segment handed
 * over) is a Map lookup and one small object; times are kept as epoch ms and formatted when read.
 */
import {
  DIAGNOSTICS_EXPORTS_PER_TRACE,
  DIAGNOSTICS_TRACE_LIMIT,
  otelToXrayTraceId,
  toOtelTraceId,
  type DeliveryRecord,
  type ExportOutcome,
  type ExportRecord,
  type ExportTotals,
  type PathStatus,
  type PathTarget,
  type TelemetryPathName,
  type TraceDelivery,
  type XrayPipeline,
} from '@cruddur/trace-contract';

/** An export record before its time is formatted. */
export type ExportEvent = Omit<ExportRecord, 'at'>;

interface Entry {
  sampled: boolean;
  firstSeenMs: number;
  /** Created with the first export: most requests' entries never need one before they are read. */
  exports: Array<{ atMs: number; event: ExportEvent }> | undefined;
  omitted: number;
}

/** What the telemetry paths report into; `NO_RECORD` when diagnostics are off. */
export interface DeliveryReporter {
  /** A request started (OpenTelemetry's server span decided); keyed by the 32-hex trace id. */
  traceStarted(otelTraceId: string, sampled: boolean): void;
  /** One export's outcome for one trace (32-hex trace id). */
  exported(otelTraceId: string, event: ExportEvent): void;
  /** A path's status; the last one set wins. */
  setPath(path: TelemetryPathName, status: PathStatus): void;
}

export const NO_RECORD: DeliveryReporter = Object.freeze({ traceStarted: () => {}, exported: () => {}, setPath: () => {} });

const iso = (ms: number): string => new Date(ms).toISOString();

export class DeliveryRecorder implements DeliveryReporter {
  readonly #traces = new Map<string, Entry>();
  readonly #paths: Record<TelemetryPathName, PathStatus> = {
    otel: { on: false, reason: 'not-configured', detail: 'not started' },
    xray: { on: false, reason: 'not-configured', detail: 'not started' },
    rollbar: { on: false, reason: 'not-configured', detail: 'not started' },
  };
  readonly #totals = new Map<PathTarget['kind'], Map<ExportOutcome, number>>();
  readonly #startedAtMs = Date.now();

  constructor(
    private readonly service: { name: string; xrayPipeline: XrayPipeline },
    readonly limit: number = DIAGNOSTICS_TRACE_LIMIT,
    readonly exportsPerTrace: number = DIAGNOSTICS_EXPORTS_PER_TRACE,
    private readonly now: () => number = Date.now,
  ) {}

  #entry(otelTraceId: string, sampled: boolean): Entry {
    let entry = this.#traces.get(otelTraceId);
    if (entry) return entry;
    entry = { sampled, firstSeenMs: this.now(), exports: undefined, omitted: 0 };
    this.#traces.set(otelTraceId, entry);
    if (this.#traces.size > this.limit) this.#traces.delete(this.#traces.keys().next().value!);
    return entry;
  }

  traceStarted(otelTraceId: string, sampled: boolean): void {
    const entry = this.#entry(otelTraceId, sampled);
    if (sampled) entry.sampled = true;
  }

  exported(otelTraceId: string, event: ExportEvent): void {
    // Anything exported was sampled.
    const entry = this.#entry(otelTraceId, true);
    entry.sampled = true;
    entry.exports ??= [];
    if (entry.exports.length < this.exportsPerTrace) entry.exports.push({ atMs: this.now(), event });
    else entry.omitted += 1;
    let byOutcome = this.#totals.get(event.target);
    if (!byOutcome) this.#totals.set(event.target, (byOutcome = new Map()));
    byOutcome.set(event.outcome, (byOutcome.get(event.outcome) ?? 0) + 1);
  }

  setPath(path: TelemetryPathName, status: PathStatus): void {
    this.#paths[path] = status;
  }

  /** How many traces are held (for tests of the bound). */
  get size(): number {
    return this.#traces.size;
  }

  /** The record as the endpoint answers it; `traceId` (either spelling) narrows it to one trace. */
  snapshot(traceId?: string): DeliveryRecord {
    const traces: TraceDelivery[] = [];
    const wanted = traceId === undefined ? undefined : toOtelTraceId(traceId);
    const add = (otelTraceId: string, entry: Entry) =>
      traces.push({
        traceId: otelToXrayTraceId(otelTraceId),
        otelTraceId,
        sampled: entry.sampled,
        firstSeen: iso(entry.firstSeenMs),
        exports: (entry.exports ?? []).map(({ atMs, event }) => ({ ...event, at: iso(atMs) })),
        ...(entry.omitted > 0 && { omittedExports: entry.omitted }),
      });
    if (traceId === undefined) for (const [id, entry] of this.#traces) add(id, entry);
    else if (wanted !== undefined) {
      const entry = this.#traces.get(wanted);
      if (entry) add(wanted, entry);
    }
    const totals: ExportTotals = {};
    for (const [target, byOutcome] of this.#totals) totals[target] = Object.fromEntries(byOutcome);
    return {
      version: 1,
      service: { name: this.service.name, pid: process.pid, startedAt: iso(this.#startedAtMs) },
      xrayPipeline: this.service.xrayPipeline,
      paths: { ...this.#paths },
      traces,
      limit: this.limit,
      totals,
    };
  }
}
