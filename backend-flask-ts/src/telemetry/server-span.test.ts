/**
 * The server span middleware on the real app and a real HTTP server (port 0), with an in-process
 * tracer provider and in-memory exporter standing in for the SDK's OTLP export: the span's name,
 * kind, parent and attributes, as `@opentelemetry/instrumentation-http` and `-express` made them.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { node as tracing } from '@opentelemetry/sdk-node';
import { waitFor } from '../../../test-support/wait.js';
import { NO_HOOKS } from '../deps.js';
import { serveApp, type ServedApp } from '../testing/serve-app.js';
import { createTracePropagator } from './propagation.js';
import { createServerSpanHooks } from './server-span.js';

const exporter = new tracing.InMemorySpanExporter();
const provider = new tracing.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
provider.register({ propagator: createTracePropagator() });
const hooks = createServerSpanHooks(provider.getTracer('test'));

let app: ServedApp;
before(async () => {
  app = await serveApp({ hooks: { ...NO_HOOKS, onRequest: [hooks.start], afterRoutes: [hooks.recordError] } });
});
after(() => app.close());
beforeEach(() => exporter.reset());

/** The request's one span, once it has ended (after the response, on the connection's `close`). */
async function request(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; spans: tracing.ReadableSpan[] }> {
  const res = await fetch(`${app.url}${path}`, { headers });
  await res.arrayBuffer();
  // A request traced after it proves the first one's span, if any, has ended: spans end in order.
  await fetch(`${app.url}/api/activities/home`).then((r) => r.arrayBuffer());
  await waitFor('the span of the request after it', async () =>
    exporter.getFinishedSpans().some((s) => s.attributes['url.path'] === '/api/activities/home') ? true : undefined,
  );
  return {
    status: res.status,
    spans: exporter.getFinishedSpans().filter((s) => s.attributes['url.path'] !== '/api/activities/home'),
  };
}

describe('one server span per request', () => {
  test('named by method and route, with the stable HTTP attributes of the request and the response', async () => {
    const { status, spans } = await request('/api/activities/@andrewbrown?sig=secret&page=2', {
      'user-agent': 'cruddur-test',
      'x-forwarded-for': '203.0.113.7, 10.0.0.1',
    });
    assert.equal(status, 200);
    assert.equal(spans.length, 1);
    const [span] = spans as [tracing.ReadableSpan];
    assert.equal(span.name, 'GET /api/activities/@:handle');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.parentSpanContext, undefined);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    const { 'network.peer.port': peerPort, ...attributes } = span.attributes;
    assert.equal(typeof peerPort, 'number');
    assert.deepEqual(attributes, {
      'http.request.method': 'GET',
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(app.url).port),
      'url.path': '/api/activities/@andrewbrown',
      'network.peer.address': '127.0.0.1',
      'network.protocol.version': '1.1',
      'user_agent.original': 'cruddur-test',
      'url.query': 'sig=REDACTED&page=2',
      'client.address': '203.0.113.7',
      'http.response.status_code': 200,
      'http.route': '/api/activities/@:handle',
    });
  });

  test("a route at its router's root is named without the trailing slash", async () => {
    const { spans } = await request('/api/message_groups');
    assert.deepEqual(
      spans.map((s) => [s.name, s.attributes['http.route']]),
      [['GET /api/message_groups', '/api/message_groups']],
    );
  });

  test('no route matched: named by the method alone, no http.route, a 4xx is no error', async () => {
    const { status, spans } = await request('/api/activities/x/y');
    assert.equal(status, 404);
    assert.deepEqual(
      spans.map((s) => [s.name, s.attributes['http.route'], s.attributes['http.response.status_code'], s.status.code]),
      [['GET', undefined, 404, SpanStatusCode.UNSET]],
    );
  });

  test('a route that fails: the route (after the error left its router), the exception and an error status', async () => {
    const { status, spans } = await request('/rollbar/error');
    assert.equal(status, 500);
    const [span] = spans as [tracing.ReadableSpan];
    assert.equal(span.name, 'GET /rollbar/error');
    assert.equal(span.attributes['http.route'], '/rollbar/error');
    assert.deepEqual(span.status, {
      code: SpanStatusCode.ERROR,
      message: 'Rollbar test error: /rollbar/error fails on purpose.',
    });
    assert.deepEqual(
      span.events.map((e) => [e.name, e.attributes?.['exception.type']]),
      [['exception', 'RollbarTestError']],
    );
  });

  test("a caller's traceparent: the span is its child in its trace", async () => {
    const { spans } = await request('/api/activities/home?caller=1', {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const span = exporter.getFinishedSpans().find((s) => s.attributes['url.query'] === 'caller=1');
    assert.equal(spans.length, 0, 'the span is found by its query');
    assert.equal(span?.spanContext().traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(span?.parentSpanContext?.spanId, '00f067aa0ba902b7');
  });

  test("a caller's decision not to sample: no span is recorded", async () => {
    const { status, spans } = await request('/api/activities/notifications', {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
    });
    assert.equal(status, 200);
    assert.deepEqual(spans, []);
  });

  test('health checks get no span', async () => {
    const { status, spans } = await request('/api/health-check');
    assert.equal(status, 200);
    assert.deepEqual(spans, []);
  });
});
