/**
 * Each telemetry path degrades alone: with its destination down, hanging or failing, the API keeps
 * answering, the other paths keep delivering, nothing crashes, and delivery resumes on recovery.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTracedBackend, type TracedBackend } from '../../../test-support/traced-backend.js';
import { waitFor } from '../../../test-support/wait.js';
import { xrayToOtelTraceId } from '@cruddur/trace-contract';

let t: TracedBackend;
before(async () => {
  // A hung export holds the batch processor until the exporter gives up (10 s by default): 1 s here.
  t = await startTracedBackend({ env: { OTEL_EXPORTER_OTLP_TIMEOUT: '1000' } });
});
after(() => t.stop());

const ROUTES = ['/api/activities/home', '/api/activities/@andrewbrown', '/api/message_groups', '/rollbar/test'];

let sequence = 0;
/** A sampled trace id of our own, so each request's telemetry can be found. */
function nextRoot(): string {
  sequence += 1;
  return `1-${Math.floor(Date.now() / 1000).toString(16)}-${sequence.toString(16).padStart(24, '0')}`;
}

/** Sends a round of requests over the routes and asserts every answer is a 200; returns the last trace. */
async function allAnswer(rounds = 5): Promise<string> {
  let root = '';
  for (let i = 0; i < rounds; i++) {
    for (const path of ROUTES) {
      root = nextRoot();
      const res = await t.request(path, { 'x-amzn-trace-id': `Root=${root};Sampled=1` });
      assert.equal(res.status, 200, `${path} answers`);
      await res.arrayBuffer();
    }
  }
  return root;
}

const spanArrives = (root: string) => t.otlp.waitForSpans((s) => s.traceId === xrayToOtelTraceId(root) && s.kind === 2);
const segmentArrives = (root: string) => t.xray.waitForSegments((s) => s.trace_id === root);
const itemArrives = (root: string) => t.rollbar.waitForItems((i) => i.data['custom']?.trace_id === root);

test('the OTLP endpoint stops mid-run: the API answers, X-Ray and Rollbar deliver, spans resume once it is back', async () => {
  await spanArrives(await allAnswer(1));
  await t.otlp.stop();
  const during = await allAnswer();
  await segmentArrives(during);
  await itemArrives(during);
  await t.otlp.restart();
  await spanArrives(await allAnswer(1));
});

test('the OTLP endpoint hangs, answers 500, then throttles (429): the API answers throughout', async () => {
  try {
    for (const fault of ['hang', 'error', 'throttle'] as const) {
      t.otlp.fail(fault);
      const failedBefore = t.otlp.failedRequests();
      await segmentArrives(await allAnswer());
      await waitFor(
        `the exporter to meet the fault "${fault}"`,
        async () => t.otlp.failedRequests() > failedBefore || undefined,
      );
    }
  } finally {
    t.otlp.heal();
  }
  await spanArrives(await allAnswer(1));
});

test('Rollbar hangs, answers 500, then is down: /rollbar/test still answers and the other paths deliver', async () => {
  try {
    for (const fault of ['hang', 'error'] as const) {
      t.rollbar.fail(fault);
      const root = await allAnswer(2);
      await segmentArrives(root);
      await spanArrives(root);
    }
    await t.rollbar.stop();
    await segmentArrives(await allAnswer(2));
  } finally {
    await t.rollbar.restart();
    t.rollbar.heal();
  }
  await itemArrives(await allAnswer(1));
});

test('the X-Ray daemon is gone: the API answers and OpenTelemetry delivers', async () => {
  await t.xray.stop();
  await spanArrives(await allAnswer());
});

test('after all of that the process is alive and never crashed', async () => {
  assert.equal(t.backend.child.exitCode, null);
  const res = await t.request('/api/health-check');
  assert.deepEqual(await res.json(), { success: true, ver: 1 });
  assert.doesNotMatch(t.backend.output(), /crashed|could not start/);
});
