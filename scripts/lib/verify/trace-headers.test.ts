import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAmznTraceHeader, parseTraceResponse, readTraceHeaders } from './trace-headers.js';

test('X-Amzn-Trace-Id: root, parent and the sampling decision', () => {
  assert.deepEqual(parseAmznTraceHeader('Root=1-5F8A1B2C-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1'), { root: '1-5f8a1b2c-0123456789abcdef01234567', parent: '53995c3f42cd8ad8', sampled: true });
  assert.equal(parseAmznTraceHeader('Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=0').sampled, false);
  assert.equal(parseAmznTraceHeader('Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=?').sampled, undefined);
});

test('traceresponse: trace id, span id and the sampled flag', () => {
  assert.deepEqual(parseTraceResponse('00-5f8a1b2c0123456789abcdef01234567-53995c3f42cd8ad8-01'), { traceId: '5f8a1b2c0123456789abcdef01234567', spanId: '53995c3f42cd8ad8', sampled: true });
  assert.equal(parseTraceResponse('00-5f8a1b2c0123456789abcdef01234567-53995c3f42cd8ad8-00')?.sampled, false);
  assert.equal(parseTraceResponse('garbage'), undefined);
});

test('a response is sampled only if every header that decides says so', () => {
  const rows: Array<[Record<string, string>, boolean | undefined]> = [
    [{}, undefined],
    [{ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=1' }, true],
    [{ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=1', traceresponse: '00-5f8a1b2c0123456789abcdef01234567-53995c3f42cd8ad8-00' }, false],
  ];
  for (const [headers, sampled] of rows) assert.equal(readTraceHeaders(new Headers(headers)).sampled, sampled, JSON.stringify(headers));
  const both = readTraceHeaders(new Headers({ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef01234567;Sampled=1', traceresponse: '00-5f8a1b2c0123456789abcdef01234567-53995c3f42cd8ad8-01' }));
  assert.deepEqual(both, { named: ['1-5f8a1b2c-0123456789abcdef01234567', '5f8a1b2c0123456789abcdef01234567'], sampled: true, spanId: '53995c3f42cd8ad8' });
});
