import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatXrayRequestHeader, parseXrayTraceHeader, traceResponseHeaders, xrayRequestHeaderFor } from './trace-headers.js';

const ROOT = '1-5f8a1b2c-0123456789abcdef01234567';
const TRACE_ID = '5f8a1b2c0123456789abcdef01234567';

test('X-Amzn-Trace-Id is read in every form callers send', () => {
  const rows: Array<[string | undefined, unknown]> = [
    [`Root=${ROOT}`, { traceId: TRACE_ID }],
    [`Root=${ROOT};Sampled=1`, { traceId: TRACE_ID, sampled: true }],
    [`Root=${ROOT};Sampled=?`, { traceId: TRACE_ID }],
    [`Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0`, { traceId: TRACE_ID, parentId: '53995c3f42cd8ad8', sampled: false }],
    [`Self=1-67891234-12456789abcdef012345678; Root=${ROOT.toUpperCase()}; Lineage=a87bd80c:0`, { traceId: TRACE_ID }],
    [`Root=${ROOT};Parent=not-hex;Sampled=1`, { traceId: TRACE_ID, sampled: true }],
    ['Root=1-5f8a1b2c-xyz;Sampled=1', undefined],
    ['Root=1-00000000-000000000000000000000000', undefined],
    ['Parent=53995c3f42cd8ad8;Sampled=1', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [header, expected] of rows) assert.deepEqual(parseXrayTraceHeader(header), expected, String(header));
});

test('X-Ray gets a clean header: the incoming trace (traceparent first), or none', () => {
  const rows: Array<[Record<string, string>, string | undefined]> = [
    [{ 'x-amzn-trace-id': `Root=${ROOT}` }, `Root=${ROOT}`],
    [{ 'x-amzn-trace-id': `root=${ROOT};parent=53995c3f42cd8ad8;sampled=1` }, `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`],
    [{ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` }, `Root=${ROOT};Parent=00f067aa0ba902b7;Sampled=1`],
    [{ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` }, 'Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=0'],
    [{ traceparent: 'garbage', 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` }, `Root=${ROOT};Sampled=1`],
    [{ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-xyz;Sampled=1' }, undefined],
    [{}, undefined],
  ];
  for (const [headers, expected] of rows) assert.equal(xrayRequestHeaderFor(headers), expected, JSON.stringify(headers));
});

test('the request header handed to X-Ray and the response headers name the same trace', () => {
  assert.equal(formatXrayRequestHeader({ traceId: TRACE_ID, sampled: false }), `Root=${ROOT};Sampled=0`);
  assert.deepEqual(traceResponseHeaders(TRACE_ID, '00f067aa0ba902b7', true), {
    'x-amzn-trace-id': `Root=${ROOT};Sampled=1`,
    traceresponse: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
  });
});
