/**
 * Load with all three paths on: 12 clients for 10 s over every API route. Nothing is asserted about
 * speed; what must hold is that every request is answered 2xx and every trace is delivered, once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTracedBackend, type TracedBackend } from '../../test-support/traced-backend.js';
import { duplicated, waitForDelivery } from './delivery.js';
import { API_CALLS, describeFailures, ROLLBAR_WARNING, runLoad, sendSpread, type Outcome } from './load.js';
import { secretLeaks } from '../../test-support/secret-leaks.js';

let t: TracedBackend;
let outcomes: Outcome[];
let warnings: Outcome[];
before(async () => {
  t = await startTracedBackend();
  // Rollbar sends 60 items a minute at most (its default rate limit): 40 warnings, spread over the run.
  [outcomes, warnings] = await Promise.all([
    runLoad({ url: t.backend.url, clients: 12, calls: API_CALLS, durationMs: 10_000 }),
    sendSpread(t.backend.url, ROLLBAR_WARNING, 40, 200),
  ]);
});
after(() => t?.stop());

const roots = () => outcomes.map((o) => o.root);

test('every request on every API route, GET and POST, is answered 2xx', () => {
  assert.ok(outcomes.length > 12 * API_CALLS.length, `only ${outcomes.length} requests were sent`);
  assert.deepEqual(describeFailures([...outcomes, ...warnings]), []);
  for (const call of API_CALLS)
    assert.ok(
      outcomes.some((o) => o.call === call),
      `${call.method} ${call.path} was exercised`,
    );
});

test('every request has exactly one segment at the X-Ray daemon', async () => {
  await waitForDelivery(t, 'xray', roots());
  assert.deepEqual(duplicated(t, 'xray', roots()), []);
});

test('every request has exactly one server span at the OTLP receiver', async () => {
  await waitForDelivery(t, 'otlp', roots());
  assert.deepEqual(duplicated(t, 'otlp', roots()), []);
});

test('every /rollbar/test warning sent under load reaches Rollbar with its trace id, once', async () => {
  const warned = warnings.map((o) => o.root);
  await waitForDelivery(t, 'rollbar', warned);
  assert.deepEqual(duplicated(t, 'rollbar', warned), []);
  assert.equal(t.rollbar.items.length, warned.length, 'and nothing else was reported');
});

test('no configured secret is in any payload or in the backend output', () => {
  assert.deepEqual(secretLeaks(t), []);
});
