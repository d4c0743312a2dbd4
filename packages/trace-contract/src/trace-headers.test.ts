import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatXrayTraceHeader,
  parseIncomingTrace,
  parseW3cTraceHeader,
  parseXrayTraceHeader,
  traceResponseHeaders,
} from './trace-headers.js';

const TRACE = '5f8a1b2c0123456789abcdef01234567';
const SPAN = '53995c3f42cd8ad8';

test('X-Amzn-Trace-Id in every form a caller sends', () => {
  const rows: Array<[string | undefined, ReturnType<typeof parseXrayTraceHeader>]> = [
    [
      `Root=1-5F8A1B2C-0123456789abcdef01234567;Parent=${SPAN};Sampled=1`,
      { traceId: TRACE, parentId: SPAN, sampled: true },
    ],
    ['Root=1-5f8a1b2c-0123456789abcdef01234567', { traceId: TRACE }],
    ['root=1-5f8a1b2c-0123456789abcdef01234567; sampled=0', { traceId: TRACE, sampled: false }],
    ['Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=?;Self=1-x;Lineage=a:1', { traceId: TRACE }],
    ['Root=1-5f8a1b2c-0123456789abcdef01234567;Parent=0000000000000000', { traceId: TRACE }],
    ['Root=1-00000000-000000000000000000000000', undefined],
    ['Root=garbage', undefined],
    ['Parent=53995c3f42cd8ad8', undefined],
    [undefined, undefined],
  ];
  for (const [header, expected] of rows) assert.deepEqual(parseXrayTraceHeader(header), expected, header);
});

test('X-Amzn-Trace-Id written back parses to the same trace', () => {
  for (const trace of [
    { traceId: TRACE },
    { traceId: TRACE, sampled: false },
    { traceId: TRACE, parentId: SPAN, sampled: true },
  ]) {
    assert.deepEqual(parseXrayTraceHeader(formatXrayTraceHeader(trace)), trace);
  }
});

test('traceparent and traceresponse: trace id, span id and the sampled flag; invalid forms refused', () => {
  assert.deepEqual(parseW3cTraceHeader(`00-${TRACE}-${SPAN}-01`), { traceId: TRACE, parentId: SPAN, sampled: true });
  assert.equal(parseW3cTraceHeader(`00-${TRACE}-${SPAN}-00`)?.sampled, false);
  for (const bad of [
    'garbage',
    `ff-${TRACE}-${SPAN}-01`,
    `00-${'0'.repeat(32)}-${SPAN}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
  ])
    assert.equal(parseW3cTraceHeader(bad), undefined, bad);
});

test('traceparent wins over X-Amzn-Trace-Id, as in the composite propagator', () => {
  const other = '6a8a1b2c0123456789abcdef01234567';
  assert.equal(
    parseIncomingTrace({
      traceparent: `00-${other}-${SPAN}-01`,
      'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef01234567',
    })?.traceId,
    other,
  );
  assert.equal(parseIncomingTrace({ 'x-amzn-trace-id': ['Root=1-5f8a1b2c-0123456789abcdef01234567'] })?.traceId, TRACE);
});

test('a response names its trace in both spellings', () => {
  assert.deepEqual(traceResponseHeaders(TRACE, SPAN, true), {
    'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=1',
    traceresponse: `00-${TRACE}-${SPAN}-01`,
  });
});
