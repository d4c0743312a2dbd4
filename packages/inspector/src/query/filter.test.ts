import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failingRequest, hexId, storedSpan, T0_S } from '../testing/fixtures.js';
import { matchesFilter, parseTraceFilter } from './filter.js';
import { inspectTrace } from './tree.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const failing = failingRequest(TRACE_ID);
const failed = inspectTrace(
  { traceId: TRACE_ID, firstSeenMs: 0, lastSeenMs: 0, segments: [failing.segment], spans: failing.spans },
  [failing.item],
);
const notFound = inspectTrace(
  {
    traceId: TRACE_ID,
    firstSeenMs: 0,
    lastSeenMs: 0,
    segments: [],
    spans: [
      storedSpan({
        spanId: hexId(1),
        name: 'GET',
        kind: 2,
        endMs: T0_S * 1000 + 2,
        attributes: {
          'http.request.method': 'GET',
          'url.path': '/api/nope',
          'http.response.status_code': 404,
          'user.handle': 'andrewbrown',
        },
      }),
    ],
  },
  [],
);

describe('parseTraceFilter', () => {
  const cases: Array<[string, unknown]> = [
    ['', { route: undefined, status: undefined, minMs: undefined, text: undefined }],
    [
      'route=GET%20/Rollbar&status=error&minMs=5&q=Boom',
      { route: 'get /rollbar', status: 'error', minMs: 5, text: 'boom' },
    ],
    ['status=fatal', { problem: 'status=fatal is not one of ok, client-error, error' }],
    ['minMs=-1', { problem: 'minMs=-1 is not a number of milliseconds (0 or more)' }],
    ['minMs=abc', { problem: 'minMs=abc is not a number of milliseconds (0 or more)' }],
  ];
  for (const [query, expected] of cases)
    test(`?${query}`, () => assert.deepEqual(parseTraceFilter(new URLSearchParams(query)), expected));
});

describe('matchesFilter', () => {
  const cases: Array<[string, boolean, boolean]> = [
    // query, the 500 trace matches, the 404 trace matches
    ['status=error', true, false],
    ['status=client-error', false, true],
    ['route=/rollbar', true, false],
    ['route=get /api/nope', false, true],
    ['minMs=20', true, false],
    ['q=rollbar test error', true, false],
    ['q=ANDREWBROWN', false, true],
    ['q=request handler', true, false],
    ['status=error&q=andrewbrown', false, false],
  ];
  for (const [query, first, second] of cases) {
    test(`?${query}`, () => {
      const filter = parseTraceFilter(new URLSearchParams(query));
      assert.ok(!('problem' in filter));
      assert.deepEqual([matchesFilter(failed, filter), matchesFilter(notFound, filter)], [first, second]);
    });
  }
});
