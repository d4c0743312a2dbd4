/**
 * verify-traces in cloud mode, end to end: the real backend (with its telemetry) sends segments to
 * a UDP relay standing in for the X-Ray daemon, which forwards them to moto_server's
 * PutTraceSegments; verify-traces then finds the trace through GetTraceSummaries/BatchGetTraces.
 */
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import { startBackendProcess, type BackendProcess } from '../../test-support/backend-process.js';
import { freePort } from '../../test-support/free-port.js';
import { startMoto, type Moto } from '../../test-support/moto.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';
import { jsonListener } from '../inspector/http/listener.js';
import { handleSampling } from '../inspector/receivers/xray-sampling.js';
import { parseXrayDatagram } from '@cruddur/trace-contract';

/** The daemon's two ports on one number: UDP segments forwarded to moto, TCP sampling answered locally. */
interface Relay {
  port: number;
  forwarded: number;
  stop(): Promise<void>;
}

// As scripts/lib/aws/clients.ts does: the SDK's multi-line Node 20 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function startRelay(moto: Moto): Promise<Relay> {
  const port = await freePort();
  const xray = new XRayClient({ region: moto.env.AWS_REGION, endpoint: moto.endpoint, credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! } });
  const relay: Relay = { port, forwarded: 0, stop: async () => {} };
  const udp: Socket = createSocket('udp4');
  udp.on('message', (datagram) => {
    const document = JSON.stringify(parseXrayDatagram(datagram));
    void xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [document] })).then(() => (relay.forwarded += 1));
  });
  await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
  const startedAtS = Math.floor(Date.now() / 1000);
  const tcp: Server = createServer(jsonListener((req, res) => handleSampling(req, res, startedAtS)));
  await new Promise<void>((resolve) => tcp.listen(port, '127.0.0.1', resolve));
  let stopped: Promise<void> | undefined;
  relay.stop = () =>
    (stopped ??= (async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      tcp.closeAllConnections();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      xray.destroy();
    })());
  return relay;
}

describe('verify-traces in cloud mode against moto_server', () => {
  let moto: Moto;
  let relay: Relay;
  let backend: BackendProcess;
  let env: Record<string, string>;
  const root = createProjectRoot();

  before(async () => {
    moto = await startMoto();
    relay = await startRelay(moto);
    backend = await startBackendProcess({
      nodeArgs: ['--import', './src/telemetry/instrument.ts'],
      env: { AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${relay.port}`, OTEL_SDK_DISABLED: 'true', ROLLBAR_ACCESS_TOKEN: '', HONEYCOMB_API_KEY: '' },
    });
    env = {
      ...moto.env,
      BACKEND_URL: backend.url,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${relay.port}`,
      // Nothing listens there: no local inspector may turn this run into local mode.
      CRUDDUR_INSPECTOR_HTTP_PORT: String(await freePort()),
    };
  });
  after(async () => {
    await backend?.stop();
    await relay?.stop();
    await moto?.stop();
  });

  test('finds the trace in X-Ray with its segment and subsegment names, and exits 0', async () => {
    const run = await runTaskProcess('verify-traces', ['--json', '--timeout', '60'], { root, env });
    assert.equal(run.code, 0, run.output);
    const report = JSON.parse(run.stdout) as { traceId: string; destinations: Array<{ name: string; ok: boolean; link?: string }> };
    assert.match(report.traceId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.deepEqual(report.destinations.map((d) => [d.name, d.ok]), [['xray', true]]);
    assert.equal(report.destinations[0]!.link, `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/${report.traceId}`);
    assert.ok(relay.forwarded >= 3, 'the backend sent its segments through the relay');
  });

  test('with the relay (the daemon) stopped, it exits non-zero and names the daemon', async () => {
    await relay.stop();
    const run = await runTaskProcess('verify-traces', ['--timeout', '10'], { root, env });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, new RegExp(`✖ xray: the X-Ray daemon at 127\\.0\\.0\\.1:${relay.port} is unreachable \\(ECONNREFUSED\\).* — fix: start it with npm run up`));
    assert.match(run.stdout, /xray +✖ no/);
  });
});
