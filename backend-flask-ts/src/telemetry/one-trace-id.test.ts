/**
 * The real backend, all three paths on, each pointed at a local fake speaking the real protocol.
 * Assertions are on what leaves the process, decoded independently: UDP datagrams by the X-Ray
 * daemon parser, OTLP by the official protos, Rollbar items as JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OtlpSpan } from '@cruddur/inspector/otlp';
import type { XraySegment } from '@cruddur/trace-contract';
import {
  FAKE_GIT_COMMIT,
  FAKE_HONEYCOMB_KEY,
  FAKE_ROLLBAR_TOKEN,
  startTracedBackend,
  type TracedBackend,
} from '../../../test-support/traced-backend.js';
import { xrayToOtelTraceId } from '@cruddur/trace-contract';
import { secretLeaks } from '../../../test-support/secret-leaks.js';

let t: TracedBackend;
before(async () => {
  t = await startTracedBackend();
});
after(() => t.stop());

/** The trace a response names, from its `X-Amzn-Trace-Id` and `traceresponse` headers. */
function answeredTrace(res: Response): { xray: string; otel: string; sampled: boolean } {
  const root = /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24});Sampled=([01])$/.exec(res.headers.get('x-amzn-trace-id') ?? '');
  assert.ok(root, `X-Amzn-Trace-Id answered: ${res.headers.get('x-amzn-trace-id')}`);
  const traceresponse = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0([01])$/.exec(res.headers.get('traceresponse') ?? '');
  assert.ok(traceresponse, `traceresponse answered: ${res.headers.get('traceresponse')}`);
  assert.equal(traceresponse[1], xrayToOtelTraceId(root[1]!), 'both response headers name one trace');
  assert.equal(traceresponse[2], root[2], 'and one decision');
  return { xray: root[1]!, otel: traceresponse[1], sampled: root[2] === '1' };
}

async function segmentOf(xrayTraceId: string): Promise<XraySegment> {
  const [segment] = await t.xray.waitForSegments((s) => s.trace_id === xrayTraceId, {
    what: `the segment of ${xrayTraceId}`,
  });
  return segment!;
}

/** The trace's spans, once its server span (ended last) has arrived. */
async function spansOf(otelTraceId: string): Promise<{ server: OtlpSpan; all: OtlpSpan[] }> {
  await t.otlp.waitForSpans((s) => s.traceId === otelTraceId && s.kind === 2, {
    what: `the server span of ${otelTraceId}`,
  });
  const all = t.otlp.spans().filter((s) => s.traceId === otelTraceId);
  return { server: all.find((s) => s.kind === 2)!, all };
}

const subsegmentNames = (segment: { subsegments?: XraySegment[] }): string[] =>
  (segment.subsegments ?? []).flatMap((sub) => [
    sub.name,
    ...subsegmentNames(sub).map((name) => `${sub.name}/${name}`),
  ]);

describe('a request without a trace header starts one trace, named the same by all three', () => {
  test('GET /api/activities/home: segment, spans and response headers', async () => {
    const res = await t.request('/api/activities/home');
    assert.equal(res.status, 200);
    const trace = answeredTrace(res);
    assert.ok(trace.sampled, 'the dev sampling rules sample every API request');

    const segment = await segmentOf(trace.xray);
    const datagram = t.xray.datagrams.map((d) => d.toString('utf8')).find((d) => d.includes(trace.xray));
    assert.equal(
      datagram?.split('\n')[0],
      '{"format":"json","version":1}',
      'one segment per datagram, after the header line',
    );
    assert.equal(segment.name, 'backend-flask');
    assert.match(segment.id, /^[0-9a-f]{16}$/);
    assert.equal(segment.parent_id, undefined, 'the segment is the root of the trace');
    assert.ok(typeof segment.end_time === 'number' && segment.end_time >= segment.start_time);
    assert.equal(segment.http?.request?.['method'], 'GET');
    assert.match(String(segment.http?.request?.['url']), /\/api\/activities\/home$/);
    assert.equal(segment.http?.response?.['status'], 200);
    assert.deepEqual(subsegmentNames(segment), ['activities_home']);

    const { server, all } = await spansOf(trace.otel);
    assert.equal(server.name, 'GET /api/activities/home');
    assert.equal(server.attributes['http.route'], '/api/activities/home');
    assert.equal(server.attributes['http.response.status_code'], 200);
    assert.equal(server.parentSpanId, undefined);
    assert.equal(server.resource['service.name'], 'backend-flask');
    const mock = all.find((s) => s.name === 'home-activities-mock-data');
    assert.ok(mock, `the custom span is in the trace: ${all.map((s) => s.name).join(', ')}`);
    assert.equal(mock.attributes['app.result_length'], 3);
    assert.match(String(mock.attributes['app.now']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

    const exported = t.otlp.exports.find((e) => e.spans.includes(server))!;
    assert.equal(exported.contentType, 'application/x-protobuf');
    assert.equal(exported.headers['x-honeycomb-team'], FAKE_HONEYCOMB_KEY);
    assert.equal(exported.headers['x-honeycomb-dataset'], undefined, 'an environment key routes by service.name');
  });

  test('health checks are not traced at all: no trace headers, no span, no segment (untraced.ts)', async () => {
    const before = { spans: t.otlp.spans().length, datagrams: t.xray.datagrams.length };
    const res = await t.request('/api/health-check?probe=1');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amzn-trace-id'), null);
    assert.equal(res.headers.get('traceresponse'), null);
    // A traced request after it is exported; had the health check made a span or segment, it would be too.
    const after = answeredTrace(await t.request('/api/activities/home'));
    await t.otlp.waitForSpans((s) => s.traceId === after.otel);
    await t.xray.waitForSegments((s) => s.trace_id === after.xray);
    const attributes = t.otlp
      .spans()
      .slice(before.spans)
      .flatMap((s) => Object.values(s.attributes).map(String));
    assert.ok(!attributes.some((value) => value.includes('/api/health-check')), 'no span names the health check');
    assert.ok(t.xray.datagrams.slice(before.datagrams).every((d) => !d.toString('utf8').includes('/api/health-check')));
  });
});

describe('a request carrying a trace joins it and keeps its decision', () => {
  const ROOT = `1-${Math.floor(Date.now() / 1000).toString(16)}-0123456789abcdef01234567`;

  test("X-Amzn-Trace-Id with Root and Sampled=1 but no Parent (verify-traces, a load balancer's first hop)", async () => {
    const res = await t.request('/api/activities/@andrewbrown', { 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` });
    assert.equal(res.status, 200);
    assert.deepEqual(answeredTrace(res), { xray: ROOT, otel: xrayToOtelTraceId(ROOT), sampled: true });

    const segment = await segmentOf(ROOT);
    assert.equal(segment.parent_id, undefined);
    assert.deepEqual(subsegmentNames(segment), ['activities_users', 'activities_users/mock-data']);
    const mockData = segment.subsegments![0]!.subsegments![0]!;
    assert.deepEqual(Object.keys(mockData.metadata?.['default'] ?? {}).sort(), ['now', 'results-size']);
    assert.equal(mockData.metadata?.['default']?.['results-size'], 1);

    const { server } = await spansOf(xrayToOtelTraceId(ROOT));
    assert.equal(server.name, 'GET /api/activities/@:handle');
    assert.equal(server.attributes['http.route'], '/api/activities/@:handle');
    assert.equal(server.parentSpanId, undefined, 'the server span is a root span in the caller’s trace');
  });

  test('X-Amzn-Trace-Id with Root, Parent and Sampled=1: both hang under the caller', async () => {
    const root = ROOT.replace(/.{4}$/, 'aaaa');
    const res = await t.request('/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee', {
      'x-amzn-trace-id': `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`,
    });
    assert.equal(answeredTrace(res).xray, root);
    const segment = await segmentOf(root);
    assert.equal(segment.parent_id, '53995c3f42cd8ad8');
    assert.deepEqual(subsegmentNames(segment), ['activities_show']);
    assert.equal((await spansOf(xrayToOtelTraceId(root))).server.parentSpanId, '53995c3f42cd8ad8');
  });

  test('traceparent (a traced frontend): X-Ray joins the W3C trace too', async () => {
    const traceId = `${Math.floor(Date.now() / 1000).toString(16)}b34da6a3ce929d0e0e473600`;
    const res = await t.request('/api/activities/home', { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const trace = answeredTrace(res);
    assert.equal(trace.otel, traceId);
    assert.equal((await segmentOf(trace.xray)).parent_id, '00f067aa0ba902b7');
    assert.equal((await spansOf(traceId)).server.parentSpanId, '00f067aa0ba902b7');
  });

  test('Sampled=0 is kept: nothing is sent for that trace', async () => {
    const dropped = ROOT.replace(/.{4}$/, 'bbbb');
    const res = await t.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${dropped};Sampled=0` });
    assert.equal(res.status, 200);
    assert.deepEqual(answeredTrace(res), { xray: dropped, otel: xrayToOtelTraceId(dropped), sampled: false });

    // A sampled request after it: once its telemetry has arrived, the unsampled one's would have too.
    const marker = ROOT.replace(/.{4}$/, 'cccc');
    await t.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${marker};Sampled=1` });
    await segmentOf(marker);
    await spansOf(xrayToOtelTraceId(marker));
    assert.equal(t.xray.segments.filter((s) => s.trace_id === dropped).length, 0);
    assert.equal(t.otlp.spans().filter((s) => s.traceId === xrayToOtelTraceId(dropped)).length, 0);
  });
});

test('malformed trace headers never break a request: it starts a trace of its own', async () => {
  const hostile: Array<Record<string, string>> = [
    { 'x-amzn-trace-id': 'Root=' },
    { 'x-amzn-trace-id': ';;==;;' },
    { 'x-amzn-trace-id': 'Root=1-zzzzzzzz-0123456789abcdef01234567;Sampled=1' },
    { 'x-amzn-trace-id': `Root=1-5f8a1b2c-0123456789abcdef01234567${'0'.repeat(4000)};Sampled=1` },
    { 'x-amzn-trace-id': 'Sampled=1;Parent=53995c3f42cd8ad8' },
    { traceparent: 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
    { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01' },
    { traceparent: 'garbage', 'x-amzn-trace-id': 'garbage' },
  ];
  for (const headers of hostile) {
    const res = await t.request('/api/activities/home', headers);
    assert.equal(res.status, 200, JSON.stringify(headers));
    const trace = answeredTrace(res);
    assert.ok(
      !trace.otel.startsWith('4bf92f35') && !trace.xray.startsWith('1-5f8a1b2c'),
      `a new trace for ${JSON.stringify(headers)}`,
    );
  }
});

describe('Rollbar items carry the request, scrubbed, and the trace id', () => {
  const SECRET = 'do-not-leak-7f3a';
  const secretHeaders = { authorization: `Bearer ${SECRET}`, cookie: `session=${SECRET}`, 'x-honeycomb-team': SECRET };

  test('/rollbar/test reports the warning "Hello World!"', async () => {
    const res = await t.request('/rollbar/test', secretHeaders);
    assert.equal(await res.text(), 'Hello World!');
    const trace = answeredTrace(res);

    const [item] = await t.rollbar.waitForItems((i) => i.data['custom']?.trace_id === trace.xray, {
      what: `the warning of ${trace.xray}`,
    });
    assert.equal(item!.accessToken, FAKE_ROLLBAR_TOKEN);
    assert.equal(item!.data['level'], 'warning');
    assert.equal(item!.data['body']?.message?.body, 'Hello World!');
    assert.equal(item!.data['environment'], 'development');
    assert.equal(item!.data['code_version'], FAKE_GIT_COMMIT);
    assert.equal(item!.data['custom'].otel_trace_id, trace.otel);
    assert.equal(item!.data['request']?.method, 'GET');
    for (const header of Object.keys(secretHeaders))
      assert.match(String(item!.data['request']?.headers?.[header]), /^\*+$/, `${header} is scrubbed`);
    assert.ok(!JSON.stringify(item).includes(SECRET), 'no secret anywhere in the item');
  });

  test('/rollbar/error answers 500 JSON without a stack, and every path records the error', async () => {
    const res = await t.request('/rollbar/error', secretHeaders);
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.deepEqual(Object.keys(body as object).sort(), ['error', 'message']);
    assert.ok(!JSON.stringify(body).includes('RollbarTestError'), 'no exception detail in the answer');
    const trace = answeredTrace(res);

    const [item] = await t.rollbar.waitForItems((i) => i.data['custom']?.trace_id === trace.xray, {
      what: `the error of ${trace.xray}`,
    });
    assert.equal(item!.data['level'], 'error');
    const traced = item!.data['body']?.trace ?? item!.data['body']?.trace_chain?.[0];
    assert.equal(traced?.exception?.class, 'RollbarTestError');
    assert.match(String(traced?.exception?.message), /fails on purpose/);
    assert.match(String(item!.data['request']?.url), /\/rollbar\/error$/);
    assert.ok(!JSON.stringify(item).includes(SECRET));

    const segment = await segmentOf(trace.xray);
    assert.equal(segment.fault, true);
    assert.equal(segment.http?.response?.['status'], 500);
    const { server } = await spansOf(trace.otel);
    assert.equal(server.attributes['http.route'], '/rollbar/error');
    assert.equal(server.status.code, 2, 'the server span is an error');
  });

  test('a client error (404) is answered but not reported', async () => {
    const res = await t.request('/api/activities/not-a-uuid');
    assert.equal(res.status, 404);
    const trace = answeredTrace(res);
    const marker = answeredTrace(await t.request('/rollbar/test'));
    await t.rollbar.waitForItems((i) => i.data['custom']?.trace_id === marker.xray);
    assert.equal(t.rollbar.items.filter((i) => i.data['custom']?.trace_id === trace.xray).length, 0);
  });
});

test('the Honeycomb key and the Rollbar token appear in no payload and no log line', () => {
  assert.deepEqual(secretLeaks(t), []);
});
