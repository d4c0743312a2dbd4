/**
 * SIGTERM: stop accepting, finish in-flight requests, flush what telemetry still holds (spans in the
 * batch processor, Rollbar items not yet answered), exit 0 — and exit even when a destination hangs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTracedBackend } from '../../../test-support/traced-backend.js';
import { xrayToOtelTraceId } from '@cruddur/trace-contract';

const root = (suffix: string) => `1-${Math.floor(Date.now() / 1000).toString(16)}-${suffix.padStart(24, '0')}`;

test('SIGTERM flushes the spans the batch processor holds and the Rollbar items in flight, then exits 0', async (t) => {
  // Spans would wait a minute for their batch: only the shutdown flush can send them now.
  const backend = await startTracedBackend({ env: { OTEL_BSP_SCHEDULE_DELAY: '60000' } });
  t.after(() => backend.stop());
  const home = root('a1');
  const warning = root('a2');
  assert.equal(
    (await backend.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${home};Sampled=1` })).status,
    200,
  );
  assert.equal(
    (await backend.request('/rollbar/test', { 'x-amzn-trace-id': `Root=${warning};Sampled=1` })).status,
    200,
  );
  assert.equal(backend.otlp.exports.length, 0, 'nothing exported before the signal');

  assert.deepEqual(await backend.backend.stop(), { code: 0, signal: null });
  const names = backend.otlp
    .spans()
    .filter((s) => s.traceId === xrayToOtelTraceId(home))
    .map((s) => s.name);
  assert.ok(
    names.includes('GET /api/activities/home') && names.includes('home-activities-mock-data'),
    `flushed: ${names.join(', ')}`,
  );
  assert.ok(backend.otlp.spans().some((s) => s.traceId === xrayToOtelTraceId(warning)));
  assert.equal(
    backend.rollbar.items.filter((i) => i.data['custom']?.trace_id === warning).length,
    1,
    'the warning reached Rollbar before the exit',
  );
  assert.match(backend.backend.output(), /SIGTERM: finishing in-flight requests[\s\S]*stopped/);
});

test('SIGTERM with the OTLP endpoint and Rollbar both hanging still exits 0: the flush is bounded', async (t) => {
  const backend = await startTracedBackend({ env: { OTEL_BSP_SCHEDULE_DELAY: '60000' } });
  t.after(() => backend.stop());
  backend.otlp.fail('hang');
  backend.rollbar.fail('hang');
  assert.equal((await backend.request('/api/activities/home')).status, 200);
  assert.equal((await backend.request('/rollbar/test')).status, 200);

  assert.deepEqual(await backend.backend.stop(), { code: 0, signal: null });
  assert.ok(backend.otlp.failedRequests() + backend.rollbar.failedRequests() > 0, 'the flush did try');
});
