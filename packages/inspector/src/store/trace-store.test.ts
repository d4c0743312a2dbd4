import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OtlpSpan } from '../otlp/decode.js';
import type { XraySegment } from '@cruddur/trace-contract';
import { toXrayTraceId, TraceStore } from './trace-store.js';

const XRAY_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const OTEL_ID = '5f8a1b2c0123456789abcdef01234567';

function segment(id: string, traceId = XRAY_ID, extra: Partial<XraySegment> = {}): XraySegment {
  return {
    name: 'backend-flask',
    id,
    trace_id: traceId,
    start_time: 1_700_000_000,
    end_time: 1_700_000_000.5,
    ...extra,
  };
}

function span(spanId: string, traceId = OTEL_ID): OtlpSpan {
  return {
    traceId,
    spanId,
    parentSpanId: undefined,
    name: 'GET /api/activities/home',
    kind: 2,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_000_250_000_000n,
    attributes: {},
    status: { code: 0, message: undefined },
    events: [],
    resource: { 'service.name': 'backend-flask' },
    scope: { name: 'http', version: undefined },
  };
}

describe('toXrayTraceId', () => {
  test('accepts both spellings and gives the X-Ray one', () => {
    assert.equal(toXrayTraceId(XRAY_ID), XRAY_ID);
    assert.equal(toXrayTraceId(OTEL_ID.toUpperCase()), XRAY_ID);
  });
  test('refuses anything else', () => assert.equal(toXrayTraceId('not-a-trace'), undefined));
});

describe('TraceStore', () => {
  test('puts X-Ray segments and OTel spans of one trace together', () => {
    const store = new TraceStore(undefined);
    store.addSegment(segment('70de5b6f19ff9a0a'));
    store.addSpans([span('53995c3f42cd8ad8')]);
    const trace = store.trace(OTEL_ID)!;
    assert.equal(trace.traceId, XRAY_ID);
    assert.equal(trace.segments.length, 1);
    assert.equal(trace.spans[0]!.startMs, 1_700_000_000_000);
    assert.equal(trace.spans[0]!.endMs - trace.spans[0]!.startMs, 250);
    assert.equal(trace.spans[0]!.serviceName, 'backend-flask');
  });

  test('a resent segment (in progress, then complete) replaces the first', () => {
    const store = new TraceStore(undefined);
    store.addSegment(segment('70de5b6f19ff9a0a', XRAY_ID, { in_progress: true, end_time: undefined }));
    store.addSegment(segment('70de5b6f19ff9a0a'));
    assert.deepEqual(store.trace(XRAY_ID)!.segments, [segment('70de5b6f19ff9a0a')]);
  });

  test('keeps at most maxTraces, evicting the least recently updated', () => {
    let now = 0;
    const store = new TraceStore(undefined, { maxTraces: 2, maxRecordsPerTrace: 10, maxItems: 10 }, () => ++now);
    const ids = [
      '1-5f8a1b2c-000000000000000000000001',
      '1-5f8a1b2c-000000000000000000000002',
      '1-5f8a1b2c-000000000000000000000003',
    ];
    store.addSegment(segment('a000000000000001', ids[0]));
    store.addSegment(segment('a000000000000002', ids[1]));
    store.addSegment(segment('a000000000000003', ids[0]));
    store.addSegment(segment('a000000000000004', ids[2]));
    assert.deepEqual(
      store.traces().map((t) => t.traceId),
      [ids[2], ids[0]],
    );
  });

  test('caps the records of one trace and counts what it drops', () => {
    const store = new TraceStore(undefined, { maxTraces: 2, maxRecordsPerTrace: 2, maxItems: 10 });
    for (const id of ['a000000000000001', 'a000000000000002', 'a000000000000003']) store.addSegment(segment(id));
    assert.equal(store.trace(XRAY_ID)!.segments.length, 2);
    assert.equal(store.droppedRecords, 1);
  });

  test('an item that names a trace lists the trace; items are capped', () => {
    const store = new TraceStore(undefined, { maxTraces: 5, maxRecordsPerTrace: 5, maxItems: 2 });
    for (const uuid of ['u1', 'u2', 'u3']) {
      store.addItem({
        uuid,
        receivedMs: 1,
        traceId: XRAY_ID,
        level: 'error',
        environment: undefined,
        title: 'boom',
        request: undefined,
      });
    }
    assert.equal(store.traces().length, 1);
    assert.deepEqual(
      store.itemsOf(XRAY_ID).map((item) => item.uuid),
      ['u2', 'u3'],
    );
  });

  test('a snapshot restores the same traces in the same order', () => {
    const store = new TraceStore(undefined);
    store.addSegment(segment('70de5b6f19ff9a0a'));
    store.addSpans([span('53995c3f42cd8ad8', '5f8a1b2c000000000000000000000009')]);
    const json = (value: unknown) => JSON.stringify(value);
    const restored = new TraceStore(JSON.parse(json(store.snapshot())));
    assert.equal(json(restored.traces()), json(store.traces()));
  });

  test('a lower trace cap evicts at once; clear forgets everything', () => {
    const store = new TraceStore(undefined, { maxTraces: 5, maxRecordsPerTrace: 5, maxItems: 5 });
    store.addSegment(segment('a000000000000001', '1-5f8a1b2c-000000000000000000000001'));
    store.addSegment(segment('a000000000000002', '1-5f8a1b2c-000000000000000000000002'));
    store.setLimits({ maxTraces: 1 });
    assert.deepEqual(
      store.traces().map((t) => t.traceId),
      ['1-5f8a1b2c-000000000000000000000002'],
    );
    assert.equal(store.limits.maxTraces, 1);
    store.clear();
    assert.deepEqual([store.traces().length, store.snapshot().items.length, store.droppedRecords], [0, 0, 0]);
  });

  test('a limit that is not a whole number in range is refused with the range', () => {
    const store = new TraceStore(undefined);
    assert.throws(() => store.setLimits({ maxTraces: 0 }), /maxTraces=0 is not a whole number from 1 to 100000/);
    assert.throws(() => store.setLimits({ maxItems: 2.5 }), /maxItems=2\.5/);
    assert.equal(store.limits.maxTraces, 200);
  });
});
