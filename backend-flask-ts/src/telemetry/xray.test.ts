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
  xray = await startXray({
    enabled: true,
    daemonAddress: daemon.address,
    segmentName: 'backend-flask',
    dynamicNamingPattern: undefined,
    contextMissing: 'RUNTIME_ERROR',
  });
});
after(() => daemon.stop());

test('outside a request, subsegments just run the work and there is no trace id, even with RUNTIME_ERROR', () => {
  assert.equal(
    xray.subsegment('startup', (note) => (note('k', 1), 'ran')),
    'ran',
  );
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
    const res = await fetch(`http://127.0.0.1:${boundPort(server)}/slow`, {
      headers: { 'x-amzn-trace-id': 'Root=1-5f8a1b2c-0123456789abcdef0123456a;Sampled=1' },
    });
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

test('an unsampled request is answered with its trace and sends nothing; its work runs untraced', async () => {
  const app = express();
  for (const hook of xray.beforeRoutes({ otel: false })) app.use(hook);
  app.get('/work', async (_req, res) => {
    const traceId = xray.currentTraceId();
    await xray.subsegment('work', async (note) => note('k', 1));
    res.json({ traceId });
  });
  const server = await startServer(app, 0);
  try {
    const url = `http://127.0.0.1:${boundPort(server)}/work`;
    const unsampled = await fetch(url, {
      headers: { 'x-amzn-trace-id': 'Root=1-5f8a1b2c-00000000000000000000000b;Sampled=0' },
    });
    assert.deepEqual(await unsampled.json(), { traceId: '1-5f8a1b2c-00000000000000000000000b' });
    assert.equal(unsampled.headers.get('x-amzn-trace-id'), 'Root=1-5f8a1b2c-00000000000000000000000b;Sampled=0');
    assert.match(unsampled.headers.get('traceresponse') ?? '', /^00-5f8a1b2c00000000000000000000000b-[0-9a-f]{16}-00$/);
    // A sampled request after it: once its segment is in, the unsampled one would have been too.
    await fetch(url, { headers: { 'x-amzn-trace-id': 'Root=1-5f8a1b2c-00000000000000000000000c;Sampled=1' } });
    await daemon.waitForSegments((s) => s.trace_id === '1-5f8a1b2c-00000000000000000000000c');
    assert.equal(daemon.segments.filter((s) => s.trace_id === '1-5f8a1b2c-00000000000000000000000b').length, 0);
  } finally {
    await stopServer(server, 1_000);
  }
});
