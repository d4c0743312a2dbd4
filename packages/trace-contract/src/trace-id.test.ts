import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isXrayTraceId,
  newXrayTraceId,
  otelToXrayTraceId,
  toOtelTraceId,
  toXrayTraceId,
  xrayToOtelTraceId,
} from './trace-id.js';

test('X-Ray and OpenTelemetry spellings of one trace id convert both ways', () => {
  assert.equal(xrayToOtelTraceId('1-5f8a1b2c-0123456789abcdef01234567'), '5f8a1b2c0123456789abcdef01234567');
  assert.equal(otelToXrayTraceId('5F8A1B2C0123456789ABCDEF01234567'), '1-5f8a1b2c-0123456789abcdef01234567');
});

test('malformed ids are refused with the value named', () => {
  assert.throws(() => xrayToOtelTraceId('1-5f8a1b2c-xyz'), /not an X-Ray trace id: "1-5f8a1b2c-xyz"/);
  assert.throws(() => otelToXrayTraceId('abc'), /not an OpenTelemetry trace id: "abc"/);
});

test('new X-Ray trace ids start with the epoch seconds and are unique', () => {
  const id = newXrayTraceId(0x5f8a1b2c * 1000 + 999);
  assert.ok(isXrayTraceId(id));
  assert.equal(id.slice(2, 10), '5f8a1b2c');
  assert.notEqual(newXrayTraceId(), newXrayTraceId());
  assert.equal(
    newXrayTraceId(0x5f8a1b2c * 1000, '0123456789abcdef01234567'),
    '1-5f8a1b2c-0123456789abcdef01234567',
    'random bits from the caller',
  );
});

test('either spelling converts to either, and anything else to undefined', () => {
  const rows: Array<[string, string | undefined, string | undefined]> = [
    ['1-5f8a1b2c-0123456789abcdef01234567', '1-5f8a1b2c-0123456789abcdef01234567', '5f8a1b2c0123456789abcdef01234567'],
    ['5F8A1B2C0123456789ABCDEF01234567', '1-5f8a1b2c-0123456789abcdef01234567', '5f8a1b2c0123456789abcdef01234567'],
    ['0'.repeat(32), undefined, undefined],
    ['1-5f8a1b2c-xyz', undefined, undefined],
  ];
  for (const [input, xray, otel] of rows) {
    assert.equal(toXrayTraceId(input), xray, input);
    assert.equal(toOtelTraceId(input), otel, input);
  }
});
