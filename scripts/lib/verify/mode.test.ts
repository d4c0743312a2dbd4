import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PathTarget } from '@cruddur/trace-contract';
import { modeFromRecord } from './mode.js';
import { deliveryRecord, off, on, TARGETS } from './testing.js';

const CONFIG = { inspector: { xrayPort: 2000, httpPort: 4318 } };
const local = (otlp: PathTarget, rollbar: PathTarget) =>
  deliveryRecord({
    paths: { otel: on(otlp), xray: on({ kind: 'xray-daemon', address: '127.0.0.1:2000' }), rollbar: on(rollbar) },
  });

test('the mode is where the backend sends, never which local ports answer', () => {
  const rows: Array<[string, ReturnType<typeof deliveryRecord>, string]> = [
    [
      'native local mode: OTLP and items to the inspector',
      local(
        { kind: 'otlp', address: 'http://127.0.0.1:4318/v1/traces' },
        { kind: 'rollbar', address: 'http://127.0.0.1:4318/api/1/item/' },
      ),
      'local',
    ],
    [
      "compose's local profile: the inspector service",
      local(
        { kind: 'otlp', address: 'http://inspector:4318/v1/traces' },
        { kind: 'rollbar', address: 'http://inspector:4318/api/1/item/' },
      ),
      'local',
    ],
    ['cloud: Honeycomb, the daemon, Rollbar (the daemon port is the same in both modes)', deliveryRecord(), 'cloud'],
    [
      'a collector on another port is not the inspector',
      deliveryRecord({
        paths: {
          otel: on({ kind: 'otlp', address: 'http://127.0.0.1:14318/v1/traces' }),
          rollbar: off('not-configured'),
        },
      }),
      'cloud',
    ],
    [
      'X-Ray alone',
      deliveryRecord({
        paths: { otel: off('not-configured'), rollbar: off('not-configured'), xray: on(TARGETS.daemon) },
      }),
      'cloud',
    ],
  ];
  for (const [name, record, mode] of rows) assert.equal(modeFromRecord(record, CONFIG).mode, mode, name);
});

test('the reason names what the backend sends to', () => {
  assert.deepEqual(
    modeFromRecord(
      local(
        { kind: 'otlp', address: 'http://127.0.0.1:4318/v1/traces' },
        { kind: 'rollbar', address: 'http://127.0.0.1:4318/api/1/item/' },
      ),
      CONFIG,
    ),
    { mode: 'local', reason: 'the backend sends to the trace inspector (http://127.0.0.1:4318/v1/traces)' },
  );
  assert.deepEqual(modeFromRecord(deliveryRecord(), CONFIG), {
    mode: 'cloud',
    reason: 'the backend sends to honeycomb, xray-daemon, rollbar',
  });
});
