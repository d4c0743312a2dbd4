import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setXrayRequestHeader, xrayRequestHeaderFor } from './trace-headers.js';

const ROOT = '1-5f8a1b2c-0123456789abcdef01234567';
const TRACE_ID = '5f8a1b2c0123456789abcdef01234567';

test('X-Ray gets a clean header: the incoming trace (traceparent first), or none', () => {
  const rows: Array<[Record<string, string>, string | undefined]> = [
    [{ 'x-amzn-trace-id': `Root=${ROOT}` }, `Root=${ROOT}`],
    [
      { 'x-amzn-trace-id': `root=${ROOT};parent=53995c3f42cd8ad8;sampled=1` },
      `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`,
    ],
    [{ 'x-amzn-trace-id': `Root=${ROOT};Parent=not-hex;Sampled=1` }, `Root=${ROOT};Sampled=1`],
    [{ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` }, `Root=${ROOT};Parent=00f067aa0ba902b7;Sampled=1`],
    [
      {
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
        'x-amzn-trace-id': `Root=${ROOT};Sampled=1`,
      },
      'Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=0',
    ],
    [{ traceparent: 'garbage', 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` }, `Root=${ROOT};Sampled=1`],
    [{ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-xyz;Sampled=1' }, undefined],
    [{}, undefined],
  ];
  for (const [headers, expected] of rows)
    assert.equal(xrayRequestHeaderFor(headers), expected, JSON.stringify(headers));
});

test('the header X-Ray will read is set, replaced, or removed', () => {
  const req = { headers: { 'x-amzn-trace-id': 'Root=old' } as Record<string, string | string[] | undefined> };
  setXrayRequestHeader(req, `Root=${ROOT}`);
  assert.equal(req.headers['x-amzn-trace-id'], `Root=${ROOT}`);
  setXrayRequestHeader(req, undefined);
  assert.ok(!('x-amzn-trace-id' in req.headers));
});
