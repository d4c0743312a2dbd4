import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoredTrace } from '../store/types.js';
import { failingRequest, hexId, storedSpan, T0_S } from '../testing/fixtures.js';
import { criticalPath } from './rows.js';
import { otelTree, viewOf, xrayTree } from './tree.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';

function traceOf(parts: Partial<StoredTrace>): StoredTrace {
  return { traceId: TRACE_ID, firstSeenMs: T0_S * 1000, lastSeenMs: T0_S * 1000, segments: [], spans: [], ...parts };
}

describe('the merged tree', () => {
  const failing = failingRequest(TRACE_ID);
  const ok = storedSpan({
    spanId: hexId(9, 'd'),
    name: 'GET /api/activities/home',
    kind: 2,
    startMs: T0_S * 1000 + 100,
    endMs: T0_S * 1000 + 120,
    attributes: { 'http.request.method': 'GET', 'url.path': '/api/activities/home', 'http.response.status_code': 200 },
  });
  const view = viewOf(traceOf({ segments: [failing.segment], spans: [...failing.spans, ok] }), [failing.item]);

  test('puts the X-Ray segment and the OTel span of one request under one request row, in start order', () => {
    assert.deepEqual(
      view.rows.map((row) => [row.depth, row.source, row.name]),
      [
        [0, 'request', 'GET /rollbar/error'],
        [1, 'xray', 'backend-flask'],
        [2, 'xray', 'rollbar-error'],
        [1, 'otel', 'GET /rollbar/error'],
        [2, 'otel', 'request handler - /rollbar/error'],
        [0, 'request', 'GET /api/activities/home'],
        [1, 'otel', 'GET /api/activities/home'],
      ],
    );
    assert.deepEqual(
      view.rows.filter((row) => row.source === 'request').map((row) => [row.detail, row.status]),
      [
        ['backend-flask 500', 'error'],
        ['backend-flask 200', 'ok'],
      ],
    );
  });

  test('places the Rollbar item on the span that threw, at the exception time', () => {
    const marked = view.rows.filter((row) => row.markers.length > 0);
    assert.deepEqual(
      marked.map((row) => row.name),
      ['request handler - /rollbar/error'],
    );
    assert.equal(marked[0]!.markers[0]!.atMs, T0_S * 1000 + 20);
    assert.equal(marked[0]!.markers[0]!.uuid, failing.item.uuid);
  });

  test('reads X-Ray http, flags, annotations, metadata and the cause with its stack', () => {
    const segment = view.xray[0]!;
    assert.deepEqual(
      segment.groups.map((group) => group.title),
      ['http', 'flags', 'annotations', 'metadata'],
    );
    assert.equal(segment.groups[0]!.entries['http.response.status'], 500);
    assert.deepEqual(segment.groups[1]!.entries, { fault: true, error: false, throttle: false });
    assert.equal(
      segment.events[0]!.exception!.stack,
      'Error: Rollbar test error\n    at boom (/app/src/routes/rollbar.ts:12)\n    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95)',
    );
  });

  test('groups OTel attributes as http, app, span and resource and keeps exception events', () => {
    const handler = view.otel[0]!.children[0]!;
    assert.deepEqual(
      handler.groups.map((group) => group.title),
      ['app', 'span', 'resource'],
    );
    assert.deepEqual(view.otel[0]!.groups[0]!.entries, {
      'http.request.method': 'GET',
      'url.path': '/rollbar/error',
      'http.route': '/rollbar/error',
      'http.response.status_code': 500,
    });
    assert.match(handler.events[0]!.exception!.stack!, /^Error: Rollbar test error\n {4}at boom/);
  });
});

describe('status: errors are faults; 4xx are shown apart', () => {
  const cases: Array<[string, Partial<Parameters<typeof storedSpan>[0]>, string]> = [
    ['200', { attributes: { 'http.response.status_code': 200, 'url.path': '/x' } }, 'ok'],
    ['404 (old conventions)', { attributes: { 'http.status_code': 404, 'http.target': '/x' } }, 'client-error'],
    ['503', { attributes: { 'http.response.status_code': 503, 'url.path': '/x' } }, 'error'],
    ['OTel status ERROR', { status: { code: 2, message: 'x' } }, 'error'],
    ['an exception event', { events: [{ name: 'exception', timeMs: 0, attributes: {} }] }, 'error'],
  ];
  for (const [name, fields, expected] of cases) {
    test(`a span with ${name} is ${expected}`, () =>
      assert.equal(otelTree([storedSpan({ spanId: hexId(1), name: 'x', ...fields })])[0]!.status, expected));
  }
  const segment = { name: 's', id: hexId(1), trace_id: TRACE_ID, start_time: T0_S, end_time: T0_S + 1 };
  for (const [flags, expected] of [
    [{ fault: true }, 'error'],
    [{ error: true }, 'client-error'],
    [{ throttle: true }, 'client-error'],
    [{}, 'ok'],
  ] as const) {
    test(`an X-Ray segment with ${JSON.stringify(flags)} is ${expected}`, () => {
      const [node] = xrayTree([{ ...segment, ...flags }]);
      assert.deepEqual([node!.status, node!.error], [expected, expected === 'error']);
    });
  }
});

test('the critical path follows the children the parent waited for, backwards from its end', () => {
  const ms = T0_S * 1000;
  const [root] = otelTree([
    storedSpan({ spanId: hexId(1), name: 'root', startMs: ms, endMs: ms + 100 }),
    storedSpan({ spanId: hexId(2), parentSpanId: hexId(1), name: 'early', startMs: ms + 5, endMs: ms + 40 }),
    storedSpan({ spanId: hexId(3), parentSpanId: hexId(1), name: 'overlapped', startMs: ms + 30, endMs: ms + 50 }),
    storedSpan({ spanId: hexId(4), parentSpanId: hexId(1), name: 'last', startMs: ms + 45, endMs: ms + 95 }),
    storedSpan({ spanId: hexId(5), parentSpanId: hexId(4), name: 'inside-last', startMs: ms + 50, endMs: ms + 90 }),
  ]);
  assert.deepEqual(
    [...criticalPath(root!)].map((node) => node.name),
    ['root', 'last', 'inside-last', 'early'],
  );
});
