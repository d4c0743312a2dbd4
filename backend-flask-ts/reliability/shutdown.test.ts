/**
 * SIGTERM in the middle of load. `src/main.test.ts` shows one slow request finishing after the signal,
 * `src/telemetry/shutdown.test.ts` the flush of two idle requests; here the signal meets 8 clients,
 * each opening a new connection per request so every request is either accepted or refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTracedBackend, type TracedBackend } from '../../test-support/traced-backend.js';
import { missing } from './delivery.js';
import { API_CALLS, describeFailures, runLoad, type Outcome } from './load.js';

const SIGNAL_AFTER_REQUESTS = 800;

let t: TracedBackend;
let outcomes: Outcome[];
let exit: { code: number | null; signal: NodeJS.Signals | null };
before(async () => {
  // Spans leave in batches of 512 or after a minute: the tail of the run can only leave with the shutdown flush.
  t = await startTracedBackend({ env: { OTEL_BSP_SCHEDULE_DELAY: '60000' } });
  outcomes = await runLoad({
    url: t.backend.url,
    clients: 8,
    calls: API_CALLS,
    // An upper bound: each client stops at its first refused connection, soon after the signal.
    durationMs: 60_000,
    closeEachConnection: true,
    onSent: (count) => {
      if (count === SIGNAL_AFTER_REQUESTS) t.backend.child.kill('SIGTERM');
    },
  });
  exit = await t.backend.exited;
});
after(() => t?.stop());

const answered = () => outcomes.filter((o) => o.status !== undefined);
const refused = () => outcomes.filter((o) => o.error === 'ECONNREFUSED');
/**
 * Connections the kernel had completed but the process had not yet accepted when it closed its port:
 * Linux resets them. The client sees ECONNRESET, though the backend never saw the request.
 */
const resetUnaccepted = () => outcomes.filter((o) => o.error === 'ECONNRESET');

test('the backend exits 0 and every client ends on a refused connection', () => {
  assert.deepEqual(exit, { code: 0, signal: null }, t.backend.output());
  assert.equal(refused().length, 8);
  assert.ok(
    answered().length >= SIGNAL_AFTER_REQUESTS - 8,
    `${answered().length} answered before the signal took effect`,
  );
});

test('every request is answered completely with a 2xx, refused, or reset before the backend accepted it', () => {
  assert.deepEqual(
    describeFailures(outcomes.filter((o) => !refused().includes(o) && !resetUnaccepted().includes(o))),
    [],
  );
  assert.ok(resetUnaccepted().length <= 8, 'at most the one request each client had in flight at the signal');
});

test('a reset request never reached the app: no span and no segment was made for it', () => {
  const roots = resetUnaccepted().map((o) => o.root);
  assert.equal(missing(t, 'otlp', roots).length, roots.length);
  assert.equal(missing(t, 'xray', roots).length, roots.length);
});

test('the spans and segments of every answered request were sent before the exit', () => {
  const roots = answered().map((o) => o.root);
  assert.deepEqual(missing(t, 'otlp', roots), [], 'server spans flushed');
  assert.deepEqual(missing(t, 'xray', roots), [], 'segments sent');
});
