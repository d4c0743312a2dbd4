/**
 * The delivery record behind the diagnostics endpoint: per telemetry path whether it is on and where
 * it sends, and per trace what became of the backend's own exports. Bounded: the latest
 * `DIAGNOSTICS_TRACE_LIMIT` traces (a ring of ids over a Map, the oldest evicted first), at most
 * `DIAGNOSTICS_EXPORTS_PER_TRACE` records each. The hot path (a request starting, a segment handed
 * over) is a Map lookup and one small object; times are kept as epoch ms and formatted when read.
 * (Evicting through `map.keys().next()` instead walks every deleted slot V8 has not compacted yet:
 * microseconds per request once the record is full.)
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
  /** Created with the first export; `times[i]` is when `exports[i]` was known (epoch ms). */
  exports: ExportEvent[] | undefined;
  times: number[] | undefined;
  omitted: number;
}

const TARGETS: ReadonlyArray<PathTarget['kind']> = ['honeycomb', 'otlp', 'xray-otlp', 'xray-daemon', 'rollbar'];
const OUTCOMES: readonly ExportOutcome[] = [
  'accepted',
  'partially-rejected',
  'refused',
  'failed',
  'handed-over',
  'dropped',
];

/** What the telemetry paths report into; `NO_RECORD` when diagnostics are off. */
export interface DeliveryReporter {
  /** A request started (OpenTelemetry's server span decided); keyed by the 32-hex trace id. */
  traceStarted(otelTraceId: string, sampled: boolean): void;
  /** One export's outcome for one trace (32-hex trace id). */
  exported(otelTraceId: string, event: ExportEvent): void;
  /** A path's status; the last one set wins. */
  setPath(path: TelemetryPathName, status: PathStatus): void;
}

export const NO_RECORD: DeliveryReporter = Object.freeze({
  traceStarted: () => {},
  exported: () => {},
  setPath: () => {},
});

const iso = (ms: number): string => new Date(ms).toISOString();

export class DeliveryRecorder implements DeliveryReporter {
  readonly #traces = new Map<string, Entry>();
  /** Trace ids in arrival order, `#next` the oldest once the ring is full. */
  readonly #ring: Array<string | undefined>;
  #next = 0;
  readonly #paths: Record<TelemetryPathName, PathStatus> = {
    otel: { on: false, reason: 'not-configured', detail: 'not started' },
    xray: { on: false, reason: 'not-configured', detail: 'not started' },
    rollbar: { on: false, reason: 'not-configured', detail: 'not started' },
  };
  /** Counts per target × outcome, without an allocation per export. */
  readonly #totals = new Float64Array(TARGETS.length * OUTCOMES.length);
  readonly #startedAtMs = Date.now();

  constructor(
    private readonly service: { name: string; xrayPipeline: XrayPipeline },
    readonly limit: number = DIAGNOSTICS_TRACE_LIMIT,
    readonly exportsPerTrace: number = DIAGNOSTICS_EXPORTS_PER_TRACE,
    private readonly now: () => number = Date.now,
  ) {
    this.#ring = Array.from<string | undefined>({ length: limit });
  }

  #entry(otelTraceId: string, sampled: boolean): Entry {
    let entry = this.#traces.get(otelTraceId);
    if (entry) return entry;
    entry = { sampled, firstSeenMs: this.now(), exports: undefined, times: undefined, omitted: 0 };
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#traces.delete(oldest);
    this.#ring[this.#next] = otelTraceId;
    this.#next = (this.#next + 1) % this.limit;
    this.#traces.set(otelTraceId, entry);
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
    if (entry.exports === undefined || entry.times === undefined) {
      entry.exports = [event];
      entry.times = [this.now()];
    } else if (entry.exports.length < this.exportsPerTrace) {
      entry.exports.push(event);
      entry.times.push(this.now());
    } else entry.omitted += 1;
    const target = TARGETS.indexOf(event.target);
    const outcome = OUTCOMES.indexOf(event.outcome);
    if (target >= 0 && outcome >= 0) this.#totals[target * OUTCOMES.length + outcome]! += 1;
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
        exports: (entry.exports ?? []).map((event, i) => ({
          ...event,
          at: iso(entry.times?.[i] ?? entry.firstSeenMs),
        })),
        ...(entry.omitted > 0 && { omittedExports: entry.omitted }),
      });
    if (traceId === undefined) {
      for (let i = 0; i < this.limit; i++) {
        const id = this.#ring[(this.#next + i) % this.limit];
        const entry = id === undefined ? undefined : this.#traces.get(id);
        if (id !== undefined && entry) add(id, entry);
      }
    } else if (wanted !== undefined) {
      const entry = this.#traces.get(wanted);
      if (entry) add(wanted, entry);
    }
    const totals: ExportTotals = {};
    TARGETS.forEach((target, t) =>
      OUTCOMES.forEach((outcome, o) => {
        const count = this.#totals[t * OUTCOMES.length + o]!;
        if (count > 0) (totals[target] ??= {})[outcome] = count;
      }),
    );
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
