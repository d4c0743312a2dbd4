/**
 * How the server span of a request is started from its headers — propagator, sampler and seeded
 * trace ids together, as `otel.ts` wires them — on an in-process tracer provider.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  type ReadableSpan,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { createTracePropagator } from './propagation.js';
import { createSeedingTracerProvider, SeededIdGenerator } from './root-trace-id.js';
import { TraceSampler } from './sampling.js';

const ROOT = '1-5f8a1b2c-0123456789abcdef01234567';
const TRACE_ID = '5f8a1b2c0123456789abcdef01234567';
const PARENT = '53995c3f42cd8ad8';
const W3C_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const W3C_PARENT = '00f067aa0ba902b7';

function serverSpan(headers: Record<string, string>, rootSampler: Sampler): ReadableSpan {
  const ids = new SeededIdGenerator(new AWSXRayIdGenerator());
  const provider = new BasicTracerProvider({ sampler: new TraceSampler(rootSampler), idGenerator: ids });
  const context = createTracePropagator().extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  const tracer = createSeedingTracerProvider(provider, ids).getTracer('test');
  return tracer.startSpan('GET', { kind: SpanKind.SERVER }, context) as unknown as ReadableSpan;
}

const sampled = (span: ReadableSpan) => (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
/** The parent a recorded span names; a span that is not sampled is not recorded and keeps none. */
const parentOf = (span: ReadableSpan) => (sampled(span) ? span.parentSpanContext?.spanId : undefined);

test('the server span joins the incoming trace and keeps its decision, whatever the root sampler says', () => {
  const rows: Array<
    [string, Record<string, string>, { traceId: string; parent: string | undefined; sampled: boolean }]
  > = [
    [
      "X-Ray's first hop: Root without Parent, sampled",
      { 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` },
      { traceId: TRACE_ID, parent: undefined, sampled: true },
    ],
    [
      'Root without Parent, not sampled',
      { 'x-amzn-trace-id': `Root=${ROOT};Sampled=0` },
      { traceId: TRACE_ID, parent: undefined, sampled: false },
    ],
    [
      'Root, Parent and Sampled (an ALB adds Self=)',
      { 'x-amzn-trace-id': `Self=1-67891234-12456789abcdef012345678;Root=${ROOT};Parent=${PARENT};Sampled=1` },
      { traceId: TRACE_ID, parent: PARENT, sampled: true },
    ],
    [
      'lower-case keys, as the X-Ray SDK accepts',
      { 'x-amzn-trace-id': `root=${ROOT}; parent=${PARENT}; sampled=0` },
      { traceId: TRACE_ID, parent: PARENT, sampled: false },
    ],
    [
      'traceparent',
      { traceparent: `00-${W3C_TRACE_ID}-${W3C_PARENT}-01` },
      { traceId: W3C_TRACE_ID, parent: W3C_PARENT, sampled: true },
    ],
    [
      'traceparent wins over X-Amzn-Trace-Id',
      { traceparent: `00-${W3C_TRACE_ID}-${W3C_PARENT}-00`, 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` },
      { traceId: W3C_TRACE_ID, parent: W3C_PARENT, sampled: false },
    ],
  ];
  for (const [name, headers, expected] of rows) {
    for (const rootSampler of [new AlwaysOnSampler(), new AlwaysOffSampler()]) {
      const span = serverSpan(headers, rootSampler);
      const seen = { traceId: span.spanContext().traceId, parent: parentOf(span), sampled: sampled(span) };
      assert.deepEqual(
        seen,
        { ...expected, parent: expected.sampled ? expected.parent : undefined },
        `${name} (${rootSampler.toString()})`,
      );
    }
  }
});

test('a request that leaves the decision to us gets the root sampler’s, in the caller’s trace when it named one', () => {
  const rows: Array<[string, Record<string, string>, string | undefined, string | undefined]> = [
    ['no trace header', {}, undefined, undefined],
    [
      'Root only, Sampled=? (a client asking us to decide)',
      { 'x-amzn-trace-id': `Root=${ROOT};Sampled=?` },
      TRACE_ID,
      undefined,
    ],
    ['Root and Parent without a decision', { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT}` }, TRACE_ID, PARENT],
    [
      'a malformed X-Amzn-Trace-Id is ignored',
      { 'x-amzn-trace-id': 'Root=1-5f8a1b2c-xyz;Sampled=1' },
      undefined,
      undefined,
    ],
    ['a malformed traceparent too', { traceparent: '00-zz-00f067aa0ba902b7-01' }, undefined, undefined],
  ];
  for (const [name, headers, traceId, parent] of rows) {
    for (const [rootSampler, decision] of [
      [new AlwaysOnSampler(), true],
      [new AlwaysOffSampler(), false],
    ] as const) {
      const span = serverSpan(headers, rootSampler);
      if (traceId) assert.equal(span.spanContext().traceId, traceId, name);
      else assert.match(span.spanContext().traceId, /^[0-9a-f]{32}$/, name);
      assert.equal(parentOf(span), decision ? parent : undefined, name);
      assert.equal(sampled(span), decision, `${name}: the root sampler decides`);
    }
  }
});

test("a new trace id is X-Ray's kind (epoch seconds first), and a seeded id is used for one span only", () => {
  const ids = new SeededIdGenerator(new AWSXRayIdGenerator());
  const provider = new BasicTracerProvider({ sampler: new TraceSampler(new AlwaysOnSampler()), idGenerator: ids });
  const tracer = createSeedingTracerProvider(provider, ids).getTracer('test');
  const start = (headers: Record<string, string>) =>
    tracer
      .startSpan(
        'GET',
        { kind: SpanKind.SERVER },
        createTracePropagator().extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
      )
      .spanContext().traceId;

  assert.equal(start({ 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` }), TRACE_ID);
  const fresh = start({});
  assert.notEqual(fresh, TRACE_ID);
  const seconds = parseInt(fresh.slice(0, 8), 16);
  assert.ok(Math.abs(seconds - Date.now() / 1000) < 600, 'the first 8 hex digits are the epoch seconds');
});

test('spans inside the request follow the server span, not the incoming header', () => {
  const ids = new SeededIdGenerator(new AWSXRayIdGenerator());
  const provider = new BasicTracerProvider({ sampler: new TraceSampler(new AlwaysOnSampler()), idGenerator: ids });
  const incoming = createTracePropagator().extract(
    ROOT_CONTEXT,
    { 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` },
    defaultTextMapGetter,
  );
  const server = createSeedingTracerProvider(provider, ids)
    .getTracer('test')
    .startSpan('GET', { kind: SpanKind.SERVER }, incoming);
  const child = provider
    .getTracer('test')
    .startSpan('home-activities-mock-data', {}, trace.setSpan(incoming, server)) as unknown as ReadableSpan;
  assert.equal(child.spanContext().traceId, TRACE_ID);
  assert.equal(child.parentSpanContext?.spanId, server.spanContext().spanId);
  assert.ok(sampled(child));
});
