import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeOtlpJson } from '../otlp/decode.js';
import { failingRequest } from '../testing/fixtures.js';
import { otlpJsonExport, traceExport } from './export.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const failing = failingRequest(TRACE_ID);
const trace = { traceId: TRACE_ID, firstSeenMs: 0, lastSeenMs: 0, segments: [failing.segment], spans: failing.spans };

test('the OTLP/JSON export decodes back to the same spans, events and all', () => {
  const decoded = decodeOtlpJson(JSON.stringify(otlpJsonExport(trace)));
  assert.deepEqual(
    decoded.map((span) => [span.traceId, span.spanId, span.parentSpanId, span.name, span.kind, span.status.code]),
    failing.spans.map((span) => [
      '5f8a1b2c0123456789abcdef01234567',
      span.spanId,
      span.parentSpanId,
      span.name,
      span.kind,
      span.status.code,
    ]),
  );
  assert.equal(decoded[0]!.startTimeUnixNano, BigInt(failing.spans[0]!.startMs) * 1_000_000n);
  assert.deepEqual(decoded[0]!.attributes, failing.spans[0]!.attributes);
  assert.equal(decoded[1]!.events[0]!.attributes['exception.message'], 'Rollbar test error');
  assert.equal(decoded[0]!.resource['service.name'], 'backend-flask');
});

test('the JSON export keeps segments, spans and items as stored', () => {
  const exported = JSON.parse(JSON.stringify(traceExport(trace, [failing.item])));
  assert.deepEqual(
    [exported.format, exported.traceId, exported.segments[0].cause.exceptions[0].message, exported.items[0].uuid],
    ['cruddur-inspector-trace', TRACE_ID, 'Rollbar test error', failing.item.uuid],
  );
});
