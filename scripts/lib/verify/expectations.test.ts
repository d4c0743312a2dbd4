import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoredItem, TraceNode } from '@cruddur/inspector';
import { itemGaps, otelGaps, segmentNameAccepted, xrayGaps } from './expectations.js';
import { TAGGED_REQUESTS } from './requests.js';
import type { SentRequest } from './types.js';

const SENT: SentRequest[] = TAGGED_REQUESTS.map((request) => ({ request, status: request.status, spanId: undefined }));

function node(name: string, path?: string, children: TraceNode[] = []): TraceNode {
  return {
    source: 'xray',
    id: name,
    name,
    detail: '',
    request: path ? { method: 'GET', path, status: 200 } : undefined,
    startMs: 0,
    endMs: 1,
    error: false,
    attributes: {},
    children,
  };
}

const COMPLETE_XRAY = [
  node('backend-flask', '/api/activities/home', [node('activities_home')]),
  node('backend-flask', '/api/activities/@andrewbrown', [node('activities_users', undefined, [node('mock-data')])]),
  node('backend-flask', '/rollbar/error'),
];

describe('xrayGaps', () => {
  test('none for the full segment tree', () => assert.deepEqual(xrayGaps(COMPLETE_XRAY, SENT), []));
  test('names the missing segment and subsegments', () => {
    const partial = [
      node('backend-flask', '/api/activities/home'),
      node('other', '/api/activities/@andrewbrown', [node('activities_users')]),
    ];
    assert.deepEqual(xrayGaps(partial, SENT), [
      'the segment for /api/activities/home has no subsegment activities_home',
      'the segment for /api/activities/@andrewbrown is named "other", not backend-flask',
      'the segment for /api/activities/@andrewbrown has no subsegment mock-data',
      'no segment for /rollbar/error',
    ]);
  });
});

test('segment names: backend-flask, or a host matching AWS_XRAY_URL', () => {
  assert.equal(segmentNameAccepted('backend-flask', undefined), true);
  assert.equal(segmentNameAccepted('4567-abc.ws.gitpod.io', '*4567-abc.ws.gitpod.io*'), true);
  assert.equal(segmentNameAccepted('evil.example', '*4567-abc.ws.gitpod.io*'), false);
});

test('otelGaps finds the server span by the span id traceresponse named, else by path', () => {
  const roots = [
    { ...node('GET', undefined, [node('home-activities-mock-data')]), id: 'c000000000000001' },
    node('GET /u', '/api/activities/@andrewbrown'),
    node('GET /e', '/rollbar/error'),
  ];
  const sent = SENT.map((s, i) => (i === 0 ? { ...s, spanId: 'c000000000000001' } : s));
  assert.deepEqual(otelGaps(roots, sent), []);
  assert.deepEqual(otelGaps(roots.slice(1), SENT), ['no span for /api/activities/home']);
});

test('itemGaps wants an item for the error route', () => {
  const item = (url: string | undefined, level = 'error'): StoredItem => ({
    uuid: 'u',
    receivedMs: 0,
    traceId: undefined,
    level,
    environment: undefined,
    title: 't',
    request: url ? { method: 'GET', url } : undefined,
  });
  assert.deepEqual(itemGaps([item('http://127.0.0.1:4567/rollbar/error')], SENT), []);
  assert.deepEqual(itemGaps([item(undefined)], SENT), [], 'an error item that names no request counts');
  assert.deepEqual(itemGaps([item('http://127.0.0.1:4567/rollbar/test', 'warning')], SENT), [
    'no Rollbar item for /rollbar/error',
  ]);
});
