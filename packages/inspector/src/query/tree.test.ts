import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { XraySegment } from '@cruddur/trace-contract';
import type { StoredSpan, StoredTrace } from '../store/types.js';
import { renderTraceText } from './text.js';
import { otelTree, viewOf, xrayTree } from './tree.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';

const SEGMENT: XraySegment = {
  name: 'backend-flask',
  id: 'aaaaaaaaaaaaaaa1',
  trace_id: TRACE_ID,
  start_time: 1_700_000_000,
  end_time: 1_700_000_000.02,
  http: {
    request: { method: 'GET', url: 'http://127.0.0.1:4567/api/activities/@andrewbrown' },
    response: { status: 200 },
  },
  subsegments: [
    {
      name: 'activities_users',
      id: 'aaaaaaaaaaaaaaa2',
      trace_id: TRACE_ID,
      start_time: 1_700_000_000.001,
      end_time: 1_700_000_000.01,
      metadata: { default: { 'results-size': 1 } },
    },
  ],
};
/** Sent on its own (the SDK streams subsegments of long requests): it names its parent. */
const STREAMED: XraySegment = {
  name: 'mock-data',
  id: 'aaaaaaaaaaaaaaa3',
  trace_id: TRACE_ID,
  type: 'subsegment',
  parent_id: 'aaaaaaaaaaaaaaa2',
  start_time: 1_700_000_000.002,
  end_time: 1_700_000_000.003,
};

function span(
  spanId: string,
  name: string,
  parentSpanId?: string,
  attributes: StoredSpan['attributes'] = {},
): StoredSpan {
  return {
    spanId,
    parentSpanId,
    name,
    kind: parentSpanId ? 1 : 2,
    startMs: 1_700_000_000_000,
    endMs: 1_700_000_000_015,
    attributes,
    status: { code: 0, message: undefined },
    serviceName: 'backend-flask',
    scope: 'test',
  };
}

test('X-Ray trees nest embedded and streamed subsegments and read the request', () => {
  const [root] = xrayTree([STREAMED, SEGMENT]);
  assert.deepEqual(root!.request, { method: 'GET', path: '/api/activities/@andrewbrown', status: 200 });
  assert.equal(root!.children[0]!.name, 'activities_users');
  assert.deepEqual(root!.children[0]!.attributes, { 'metadata.default': { 'results-size': 1 } });
  assert.deepEqual(
    root!.children[0]!.children.map((node) => node.name),
    ['mock-data'],
  );
});

test('OTel trees follow parent ids; a span whose parent never arrived is a root', () => {
  const roots = otelTree([
    span('b000000000000002', 'home-activities-mock-data', 'b000000000000001'),
    span('b000000000000001', 'GET /api/activities/home', undefined, {
      'http.route': '/api/activities/home',
      'http.target': '/api/activities/home?x=1',
      'http.status_code': 200,
    }),
    span('b000000000000003', 'orphan', 'b00000000000dead'),
  ]);
  assert.deepEqual(
    roots.map((node) => node.name),
    ['GET /api/activities/home', 'orphan'],
  );
  assert.deepEqual(roots[0]!.request, { method: undefined, path: '/api/activities/home', status: 200 });
  assert.equal(roots[0]!.detail, 'server /api/activities/home 200');
});

test('a trace view sums up both sides; the terminal shows the merged tree within its width', () => {
  const trace: StoredTrace = {
    traceId: TRACE_ID,
    firstSeenMs: 1_700_000_000_100,
    lastSeenMs: 1_700_000_000_100,
    segments: [SEGMENT, STREAMED],
    spans: [
      span('b000000000000001', 'GET /api/activities/@:handle', undefined, {
        'url.path': '/api/activities/@andrewbrown',
        'http.route': '/api/activities/@:handle',
      }),
    ],
  };
  const view = viewOf(trace, []);
  assert.equal(view.otelTraceId, '5f8a1b2c0123456789abcdef01234567');
  assert.deepEqual(view.roots, ['backend-flask GET /api/activities/@andrewbrown 200']);
  assert.deepEqual(
    [view.service, view.operation, view.status],
    ['backend-flask', 'GET /api/activities/@andrewbrown', 'ok'],
  );
  assert.equal(view.durationMs, 20);
  for (const width of [100, 60, 40]) {
    const text = renderTraceText(view, width).split('\n');
    assert.ok(
      text.every((line) => line.length <= width),
      `every line fits ${width} columns:\n${text.join('\n')}`,
    );
  }
  const text = renderTraceText(view, 120).split('\n');
  assert.match(
    text[0]!,
    /^backend-flask GET \/api\/activities\/@andrewbrown {2}20\.0 ms {2}2 segments · 1 span · 0 items$/,
  );
  assert.match(text[2]!, /^GET \/api\/activities\/@:handle \(backend-flask 200\) +20\.0 ms █+$/);
  assert.match(text[3]!, /^├─ X-Ray backend-flask \(GET \/api\/activities\/@andrewbrown 200\) +20\.0 ms █+$/);
  assert.match(text[4]!, /^│  └─ X-Ray activities_users +9\.0 ms ·█+·+$/);
  assert.match(text[5]!, /^│ {5}└─ X-Ray mock-data +1\.0 ms ·+█+·+$/);
  assert.match(
    text[6]!,
    /^└─ OTel GET \/api\/activities\/@:handle \(server \/api\/activities\/@:handle\) +15\.0 ms █+·+$/,
  );
});

test('parent ids that would close a cycle do not hang the tree', () => {
  const segment: XraySegment = { ...SEGMENT, parent_id: 'aaaaaaaaaaaaaaa2' };
  assert.deepEqual(
    xrayTree([segment]).map((node) => node.id),
    ['aaaaaaaaaaaaaaa1'],
    'a segment under its own subsegment stays a root',
  );
  const roots = otelTree([
    span('d000000000000001', 'a', 'd000000000000002'),
    span('d000000000000002', 'b', 'd000000000000001'),
    span('d000000000000003', 'self', 'd000000000000003'),
  ]);
  assert.deepEqual(roots.map((node) => node.name).sort(), ['b', 'self']);
  assert.deepEqual(
    roots.find((node) => node.name === 'b')!.children.map((node) => node.name),
    ['a'],
  );
});
