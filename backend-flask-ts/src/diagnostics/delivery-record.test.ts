import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryRecorder } from './delivery-record.js';

const id = (n: number): string => `6a1b2c3d${n.toString(16).padStart(24, '0')}`;

test('keeps the latest traces only, the oldest forgotten first, and a bounded list of exports per trace', () => {
  const record = new DeliveryRecorder({ name: 'backend-flask', xrayPipeline: 'sdk' }, 3, 2);
  for (let n = 1; n <= 5; n++) record.traceStarted(id(n), n % 2 === 1);
  assert.equal(record.size, 3);
  assert.deepEqual(
    record.snapshot().traces.map((t) => [t.otelTraceId, t.sampled]),
    [
      [id(3), true],
      [id(4), false],
      [id(5), true],
    ],
  );
  for (let n = 0; n < 5; n++) record.exported(id(5), { path: 'xray', target: 'xray-daemon', outcome: 'handed-over' });
  const [only] = record.snapshot(`1-6a1b2c3d-${'5'.padStart(24, '0')}`).traces;
  assert.equal(only!.exports.length, 2);
  assert.equal(only!.omittedExports, 3);
  assert.deepEqual(record.snapshot().totals, { 'xray-daemon': { 'handed-over': 5 } }, 'totals count every export');
  record.exported(id(9), { path: 'otel', target: 'honeycomb', outcome: 'accepted', status: 200, spans: 2 });
  const traces = record.snapshot().traces;
  assert.equal(traces.length, 3);
  assert.equal(traces.at(-1)!.traceId, `1-6a1b2c3d-${'9'.padStart(24, '0')}`);
  assert.equal(traces.at(-1)!.sampled, true, 'an exported trace was sampled');
  assert.deepEqual(record.snapshot(id(1)).traces, [], 'a forgotten trace');
  assert.deepEqual(record.snapshot('not-an-id').traces, []);
});

test('the memory stays bounded under many traces', () => {
  const record = new DeliveryRecorder({ name: 'backend-flask', xrayPipeline: 'sdk' });
  for (let n = 0; n < 50_000; n++) {
    record.traceStarted(id(n), true);
    record.exported(id(n), {
      path: 'otel',
      target: 'honeycomb',
      outcome: 'accepted',
      status: 200,
      spans: 3,
      batchSpans: 30,
      attempts: 1,
    });
  }
  assert.equal(record.size, record.limit);
  assert.ok(JSON.stringify(record.snapshot()).length < 200 * 1024 * 2, 'a few hundred KB at most');
});
