/**
 * The inspector's memory: traces keyed by their X-Ray id, bounded three ways (traces, records per
 * trace, Rollbar items) so a chatty backend cannot grow it without limit. The least recently
 * updated trace is evicted first.
 */
import { isXrayTraceId, otelToXrayTraceId, type XraySegment } from '@cruddur/trace-contract';
import type { OtlpSpan } from '../otlp/decode.js';
import type { StoredItem, StoredSpan, StoredTrace, StoreSnapshot } from './types.js';

export interface StoreLimits {
  maxTraces: number;
  maxRecordsPerTrace: number;
  maxItems: number;
}

export const DEFAULT_LIMITS: StoreLimits = Object.freeze({ maxTraces: 200, maxRecordsPerTrace: 1_000, maxItems: 200 });

/** What `setLimits` accepts, each a whole number in this range. */
export const LIMIT_RANGE = Object.freeze({ min: 1, max: 100_000 });

/** The message of a refused limit: the field, the value, the range. Exported for the API and tests. */
export function limitProblem(name: string, value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= LIMIT_RANGE.min && value <= LIMIT_RANGE.max)
    return undefined;
  return `${name}=${JSON.stringify(value)} is not a whole number from ${LIMIT_RANGE.min} to ${LIMIT_RANGE.max}`;
}

/** A trace id in either spelling, as the X-Ray one; `undefined` for anything else. */
export function toXrayTraceId(raw: string): string | undefined {
  const id = raw.trim().toLowerCase();
  if (isXrayTraceId(id)) return id;
  try {
    return otelToXrayTraceId(id);
  } catch {
    return undefined;
  }
}

const nanosToMs = (nanos: bigint): number => Number(nanos / 1_000n) / 1_000;

function storedSpan(span: OtlpSpan): StoredSpan {
  const serviceName = span.resource['service.name'];
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startMs: nanosToMs(span.startTimeUnixNano),
    endMs: nanosToMs(span.endTimeUnixNano),
    attributes: span.attributes,
    status: span.status,
    events: span.events.map((event) => ({
      name: event.name,
      timeMs: nanosToMs(event.timeUnixNano),
      attributes: event.attributes,
    })),
    serviceName: typeof serviceName === 'string' ? serviceName : 'unknown',
    scope: span.scope.name,
  };
}

/** Replaces the record with the same id (a resent or completed segment), else appends within the cap. */
function upsert<T>(list: T[], record: T, sameId: (a: T) => boolean, cap: number): boolean {
  const index = list.findIndex(sameId);
  if (index >= 0) list[index] = record;
  else if (list.length < cap) list.push(record);
  else return false;
  return true;
}

export class TraceStore {
  /** Map order is update order: the first key is the least recently updated trace. */
  private readonly byId = new Map<string, StoredTrace>();
  private readonly items: StoredItem[] = [];
  private readonly listeners = new Set<() => void>();
  /** Records refused because their trace was full, so the page can say data was dropped. */
  droppedRecords = 0;

  constructor(
    snapshot: StoreSnapshot | undefined,
    private limitsNow: StoreLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    for (const trace of [...(snapshot?.traces ?? [])].sort((a, b) => a.lastSeenMs - b.lastSeenMs))
      this.byId.set(trace.traceId, trace);
    this.items.push(...(snapshot?.items ?? []));
    this.evict();
  }

  get limits(): StoreLimits {
    return { ...this.limitsNow };
  }

  /** New caps take effect at once: a lower trace cap evicts the least recently updated traces now. */
  setLimits(limits: Partial<StoreLimits>): void {
    for (const [name, value] of Object.entries(limits)) {
      const problem = limitProblem(name, value);
      if (problem) throw new RangeError(problem);
    }
    this.limitsNow = { ...this.limitsNow, ...limits };
    this.evict();
    this.trimItems();
    this.notify();
  }

  /** Forgets every trace and item (the page's Clear button). */
  clear(): void {
    this.byId.clear();
    this.items.length = 0;
    this.droppedRecords = 0;
    this.notify();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addSegment(segment: XraySegment): boolean {
    const trace = this.touch(segment.trace_id);
    const kept =
      trace !== undefined &&
      upsert(trace.segments, segment, (s) => s.id === segment.id, this.limitsNow.maxRecordsPerTrace);
    if (kept) this.notify();
    else this.droppedRecords += 1;
    return kept;
  }

  /** Returns how many spans were kept (spans with an id no trace can use are skipped). */
  addSpans(spans: readonly OtlpSpan[]): number {
    let kept = 0;
    for (const span of spans) {
      const trace = this.touch(span.traceId);
      if (
        trace &&
        upsert(trace.spans, storedSpan(span), (s) => s.spanId === span.spanId, this.limitsNow.maxRecordsPerTrace)
      )
        kept += 1;
      else this.droppedRecords += 1;
    }
    if (kept > 0) this.notify();
    return kept;
  }

  /** An item naming a trace also lists that trace, so an error shows even when tracing is off. */
  addItem(item: StoredItem): void {
    if (item.traceId !== undefined) this.touch(item.traceId);
    this.items.push(item);
    this.trimItems();
    this.notify();
  }

  /** Newest first. */
  traces(): StoredTrace[] {
    return [...this.byId.values()].reverse();
  }

  trace(id: string): StoredTrace | undefined {
    const traceId = toXrayTraceId(id);
    return traceId === undefined ? undefined : this.byId.get(traceId);
  }

  itemsOf(traceId: string): StoredItem[] {
    return this.items.filter((item) => item.traceId === traceId);
  }

  snapshot(): StoreSnapshot {
    return { version: 1, traces: [...this.byId.values()], items: [...this.items] };
  }

  /** The trace to write into, moved to the newest position; `undefined` when the id is unusable. */
  private touch(rawId: string): StoredTrace | undefined {
    const traceId = toXrayTraceId(rawId);
    if (traceId === undefined) return undefined;
    const now = this.now();
    const trace = this.byId.get(traceId) ?? { traceId, firstSeenMs: now, lastSeenMs: now, segments: [], spans: [] };
    trace.lastSeenMs = now;
    this.byId.delete(traceId);
    this.byId.set(traceId, trace);
    this.evict();
    return trace;
  }

  private evict(): void {
    for (const traceId of this.byId.keys()) {
      if (this.byId.size <= this.limitsNow.maxTraces) break;
      this.byId.delete(traceId);
    }
  }

  private trimItems(): void {
    if (this.items.length > this.limitsNow.maxItems) this.items.splice(0, this.items.length - this.limitsNow.maxItems);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
