import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTraceHeaders } from './trace-headers.js';

const ROOT = '1-5f8a1b2c-0123456789abcdef01234567';
const W3C = '5f8a1b2c0123456789abcdef01234567-53995c3f42cd8ad8';

test('a response is sampled only if every header that decides says so', () => {
  const rows: Array<[Record<string, string>, boolean | undefined]> = [
    [{}, undefined],
    [{ 'x-amzn-trace-id': `Root=${ROOT};Sampled=?` }, undefined],
    [{ 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` }, true],
    [{ 'x-amzn-trace-id': `Root=${ROOT};Sampled=1`, traceresponse: `00-${W3C}-00` }, false],
  ];
  for (const [headers, sampled] of rows)
    assert.equal(readTraceHeaders(new Headers(headers)).sampled, sampled, JSON.stringify(headers));
});

test('both headers name the trace in X-Ray spelling, and traceresponse names the server span', () => {
  const both = readTraceHeaders(
    new Headers({ 'x-amzn-trace-id': `Root=${ROOT};Sampled=1`, traceresponse: `00-${W3C}-01` }),
  );
  assert.deepEqual(both, { named: [ROOT, ROOT], sampled: true, spanId: '53995c3f42cd8ad8' });
  assert.deepEqual(readTraceHeaders(new Headers({ traceresponse: 'garbage' })).named, []);
});
