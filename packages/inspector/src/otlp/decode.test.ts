import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { decodeOtlpTraces } from './decode.js';

/** Real spans, serialised by the same OTel JS serialisers the exporters use, so the decoder meets real bytes. */
async function finishedSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'backend-flask' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('decoder-test', '1.2.3');
  const parent = tracer.startSpan('GET /api/activities/home', {
    kind: 1,
    attributes: { 'http.route': '/api/activities/home', 'http.status_code': 200 },
  });
  const attributes = { 'app.result_length': 3, 'app.ratio': 0.5, 'app.cached': false, 'app.flags': ['a', 'b'] };
  const child = tracer.startSpan('home-activities-mock-data', { attributes }, trace.setSpan(context.active(), parent));
  child.recordException(new TypeError('no such user'));
  child.end();
  parent.setStatus({ code: 2, message: 'boom' });
  parent.end();
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

describe('decodeOtlpTraces', () => {
  for (const [contentType, serialize] of [
    ['application/x-protobuf', ProtobufTraceSerializer.serializeRequest.bind(ProtobufTraceSerializer)],
    ['application/json', JsonTraceSerializer.serializeRequest.bind(JsonTraceSerializer)],
  ] as const) {
    test(`reads what the OTel JS ${contentType} serialiser writes`, async () => {
      const spans = await finishedSpans();
      const decoded = decodeOtlpTraces(serialize(spans)!, `${contentType}; charset=utf-8`);
      assert.equal(decoded.length, 2);
      const child = decoded.find((s) => s.name === 'home-activities-mock-data')!;
      const parent = decoded.find((s) => s.name === 'GET /api/activities/home')!;
      const original = spans.find((s) => s.name === 'home-activities-mock-data')!;
      assert.equal(child.traceId, original.spanContext().traceId);
      assert.equal(child.spanId, original.spanContext().spanId);
      assert.equal(child.parentSpanId, parent.spanId);
      assert.equal(parent.parentSpanId, undefined);
      assert.equal(parent.kind, 2, 'SpanKind.SERVER (1 in the API) is 2 on the wire');
      assert.deepEqual(child.attributes, {
        'app.result_length': 3,
        'app.ratio': 0.5,
        'app.cached': false,
        'app.flags': ['a', 'b'],
      });
      assert.deepEqual(parent.status, { code: 2, message: 'boom' });
      assert.deepEqual(child.status, { code: 0, message: undefined });
      assert.equal(parent.attributes['http.route'], '/api/activities/home');
      assert.equal(child.resource['service.name'], 'backend-flask');
      assert.deepEqual(child.scope, { name: 'decoder-test', version: '1.2.3' });
      assert.deepEqual(
        child.events.map((event) => [
          event.name,
          event.attributes['exception.type'],
          event.attributes['exception.message'],
        ]),
        [['exception', 'TypeError', 'no such user']],
      );
      assert.match(String(child.events[0]!.attributes['exception.stacktrace']), /TypeError: no such user\n {4}at /);
      assert.ok(child.events[0]!.timeUnixNano >= child.startTimeUnixNano);
      assert.ok(
        child.endTimeUnixNano >= child.startTimeUnixNano && child.startTimeUnixNano > 1_600_000_000_000_000_000n,
      );
    });
  }

  test('refuses content types OTLP/HTTP does not define', () => {
    assert.throws(
      () => decodeOtlpTraces(Buffer.from('{}'), 'text/plain'),
      /unsupported OTLP content type "text\/plain"/,
    );
  });

  test('refuses bytes that are not an export request', () => {
    assert.throws(() => decodeOtlpTraces(Buffer.from([0x0a, 0xff, 0xff, 0xff]), 'application/x-protobuf'));
  });
});
