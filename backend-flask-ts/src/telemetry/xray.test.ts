/**
 * X-Ray in this process (its SDK reads the environment once, so the test file owns the process):
 * work outside a request runs untraced whatever AWS_XRAY_CONTEXT_MISSING says, and a subsegment
 * around asynchronous work ends when the work settles, recording its error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { startXrayUdpReceiver, type XrayUdpReceiver } from '../../../test-support/fakes/xray-udp-receiver.js';
import { boundPort, startServer, stopServer } from '../server.js';
import { startXray, type XrayRuntime } from './xray.js';

let daemon: XrayUdpReceiver;
let xray: XrayRuntime;
before(async () => {
  daemon = await startXrayUdpReceiver();
  xray = await startXray({ enabled: true, daemonAddress: daemon.address, segmentName: 'backend-flask', dynamicNamingPattern: undefined, contextMissing: 'RUNTIME_ERROR' });
});
after(() => daemon.stop());

test('outside a request, subsegments just run the work and there is no trace id, even with RUNTIME_ERROR', () => {
  assert.equal(xray.subsegment('startup', (note) => (note('k', 1), 'ran')), 'ran');
  assert.equal(xray.currentTraceId(), undefined);
});

test('a subsegment around asynchronous work closes when it settles and records the error', async () => {
  const app = express();
  for (const hook of xray.beforeRoutes({ otel: false })) app.use(hook);
  app.get('/slow', async (_req, res, next) => {
    try {
      await xray.subsegment('slow-work', async (note) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        note('step', 'after the wait');
        throw new Error('failed after the wait');
      });
    } catch (error) {
      next(error);
      return;
    }
    res.end();
  });
  app.use(xray.closeSegment);
  app.use(((_err, _req, res, _next) => void res.status(500).end()) as express.ErrorRequestHandler);
  const server = await startServer(app, 0);
  try {
    const res = await fetch(`http://127.0.0.1:${boundPort(server)}/slow`, { headers: { 'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef0123456a;Sampled=1' } });
    assert.equal(res.status, 500);
    const [segment] = await daemon.waitForSegments((s) => s.trace_id === '1-5f8a1b2c-0123456789abcdef0123456a');
    const work = segment!.subsegments?.[0];
    assert.equal(work?.name, 'slow-work');
    assert.deepEqual(work?.metadata, { default: { step: 'after the wait' } });
    assert.equal(work?.fault, true, 'closed with the error the promise rejected with');
    assert.equal(typeof work?.end_time, 'number');
    assert.equal(segment!.fault, true);
  } finally {
    await stopServer(server, 1_000);
  }
});
