import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { context, trace as otelTrace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { waitFor } from '../../../test-support/wait.js';
import { encodeXrayDatagram, type XraySegment } from '@cruddur/trace-contract';
import type { TraceSummary, TraceView } from './query/types.js';
import { startInspector, type Inspector } from './server.js';

const XRAY_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const OTEL_ID = '5f8a1b2c0123456789abcdef01234567';

/** Real spans in one trace, from the OTel SDK, for the real serialisers. */
async function spansOfTrace(traceId: string) {
  const exporter = new InMemorySpanExporter();
  let spanCounter = 0;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'backend-flask' }),
    idGenerator: {
      generateTraceId: () => traceId,
      generateSpanId: () => (++spanCounter).toString(16).padStart(16, 'a'),
    },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('inspector-test');
  const parent = tracer.startSpan('GET /api/activities/home', {
    kind: 1,
    attributes: { 'http.route': '/api/activities/home' },
  });
  tracer
    .startSpan(
      'home-activities-mock-data',
      { attributes: { 'app.result_length': 3 } },
      otelTrace.setSpan(context.active(), parent),
    )
    .end();
  parent.end();
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

async function sendDatagram(port: number, datagram: Buffer): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    socket.send(datagram, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
  socket.close();
}

describe('the inspector receivers, over real sockets', () => {
  let stateDir: string;
  let inspector: Inspector;
  const api = async <T>(path: string): Promise<T> => (await fetch(`${inspector.httpUrl}${path}`)).json() as Promise<T>;

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'inspector-'));
    inspector = await startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir });
  });
  after(async () => {
    await inspector.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  test('a segment datagram on the UDP port shows up as the trace, subsegments nested', async () => {
    const segment = {
      name: 'backend-flask',
      id: '70de5b6f19ff9a0a',
      trace_id: XRAY_ID,
      start_time: 1_700_000_000,
      end_time: 1_700_000_000.02,
      http: { request: { method: 'GET', url: 'http://127.0.0.1:4567/api/activities/home' }, response: { status: 200 } },
      // Embedded subsegments carry no trace_id on the wire; the shared type is written for top-level documents.
      subsegments: [
        { name: 'activities_home', id: '1a2b3c4d5e6f7a8b', start_time: 1_700_000_000.001, end_time: 1_700_000_000.01 },
      ] as XraySegment[],
    };
    await sendDatagram(inspector.xrayPort, encodeXrayDatagram(segment));
    const trace = await waitFor('the segment', async () => {
      const view = await fetch(`${inspector.httpUrl}/api/traces/${XRAY_ID}`);
      return view.ok ? ((await view.json()) as TraceView) : undefined;
    });
    assert.equal(trace.xray[0]!.name, 'backend-flask');
    assert.equal(trace.xray[0]!.detail, 'GET /api/activities/home 200');
    assert.deepEqual(
      trace.xray[0]!.children.map((child) => child.name),
      ['activities_home'],
    );
  });

  test('a datagram without the daemon header is dropped, not stored', async () => {
    await sendDatagram(inspector.xrayPort, Buffer.from('{"name":"x"}'));
    const health = await api<{ traces: number }>('/healthz');
    assert.equal(health.traces, 1);
  });

  for (const [contentType, serializer] of [
    ['application/x-protobuf', ProtobufTraceSerializer],
    ['application/json', JsonTraceSerializer],
  ] as const) {
    test(`OTLP/HTTP ${contentType} export is accepted with a response the OTel client can read`, async () => {
      const traceId = contentType === 'application/json' ? '6a8a1b2c0123456789abcdef01234567' : OTEL_ID;
      const response = await fetch(`${inspector.httpUrl}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: serializer.serializeRequest(await spansOfTrace(traceId)),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), contentType);
      assert.deepEqual(serializer.deserializeResponse(new Uint8Array(await response.arrayBuffer())), {});
      const trace = await api<TraceView>(`/api/traces/${traceId}`);
      assert.deepEqual(
        trace.otel.map((root) => [root.name, root.children.map((child) => child.name)]),
        [['GET /api/activities/home', ['home-activities-mock-data']]],
      );
      assert.equal(trace.otel[0]!.detail, 'server /api/activities/home');
    });
  }

  test('the spans and the segment of one trace id are one trace', async () => {
    const { traces } = await api<{ traces: TraceSummary[] }>('/api/traces');
    const joined = traces.find((trace) => trace.traceId === XRAY_ID)!;
    assert.deepEqual(joined.counts, { segments: 1, spans: 2, items: 0 });
    assert.equal(joined.otelTraceId, OTEL_ID);
  });

  test('a gzipped export (OTEL_EXPORTER_OTLP_COMPRESSION=gzip) is accepted', async () => {
    const body = gzipSync(
      ProtobufTraceSerializer.serializeRequest(await spansOfTrace('7a8a1b2c0123456789abcdef01234567'))!,
    );
    const response = await fetch(`${inspector.httpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body,
    });
    assert.equal(response.status, 200);
  });

  test('a malformed export is 400 with a google.rpc.Status; an unknown content type is 415', async () => {
    const bad = await fetch(`${inspector.httpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceSpans": 7',
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /not an OTLP ExportTraceServiceRequest/);
    const text = await fetch(`${inspector.httpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    assert.equal(text.status, 415);
    const get = await fetch(`${inspector.httpUrl}/v1/traces`);
    assert.equal(get.status, 405);
  });

  test('a Rollbar item is answered as api.rollbar.com does and joins its trace', async () => {
    const item = {
      data: {
        level: 'error',
        environment: 'development',
        custom: { trace_id: OTEL_ID },
        body: { trace: { exception: { class: 'Error', message: 'boom' }, frames: [] } },
        request: { method: 'GET', url: 'http://127.0.0.1:4567/rollbar/error' },
      },
    };
    const response = await fetch(`${inspector.httpUrl}/api/1/item/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'local-placeholder' },
      body: JSON.stringify(item),
    });
    const answer = (await response.json()) as { err: number; result: { uuid: string } };
    assert.equal(answer.err, 0);
    assert.match(answer.result.uuid, /^[0-9a-f-]{36}$/);
    const trace = await api<TraceView>(`/api/traces/${XRAY_ID}`);
    assert.deepEqual(
      trace.items.map((stored) => [stored.title, stored.level, stored.uuid]),
      [['Error: boom', 'error', answer.result.uuid]],
    );
  });

  test('a Rollbar item without a token is refused, as upstream', async () => {
    const response = await fetch(`${inspector.httpUrl}/api/1/item/`, {
      method: 'POST',
      body: JSON.stringify({ data: {} }),
    });
    assert.equal(response.status, 401);
  });

  test("the X-Ray SDK's own sampling client accepts the rules and targets of the TCP port", async () => {
    // The SDK's service connector, pointed at our TCP port: the code that talks to a real daemon.
    const require = createRequire(import.meta.url);
    const daemonConfig = require('aws-xray-sdk-core/dist/lib/daemon_config.js') as { tcp_ip: string; tcp_port: number };
    const connector = require('aws-xray-sdk-core/dist/lib/middleware/sampling/service_connector.js') as {
      fetchSamplingRules(
        callback: (err: Error | null, rules?: Array<{ getName(): string; snapshotStatistics(): object }>) => void,
      ): void;
      fetchTargets(
        rules: unknown[],
        callback: (err: Error | null, targets?: Record<string, { rate: number }>) => void,
      ): void;
    };
    Object.assign(daemonConfig, { tcp_ip: '127.0.0.1', tcp_port: inspector.xrayPort });
    const rules = await new Promise<Array<{ getName(): string; snapshotStatistics(): object }>>((resolve, reject) =>
      connector.fetchSamplingRules((err, found) => (err ? reject(err) : resolve(found!))),
    );
    assert.deepEqual(
      rules.map((rule) => rule.getName()),
      ['Default'],
    );
    const targets = await new Promise<Record<string, { rate: number }>>((resolve, reject) =>
      connector.fetchTargets(rules, (err, found) => (err ? reject(err) : resolve(found!))),
    );
    assert.equal(targets.Default?.rate, 1);
  });

  test('the page is served and unknown paths are JSON 404s', async () => {
    const page = await fetch(`${inspector.httpUrl}/`);
    assert.match(await page.text(), /Cruddur trace inspector/);
    const missing = await fetch(`${inspector.httpUrl}/nope`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /no \/nope here/);
  });
});

describe('the inspector file', () => {
  test('what was received survives a restart', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'inspector-'));
    try {
      const first = await startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir });
      await sendDatagram(
        first.xrayPort,
        encodeXrayDatagram({
          name: 'backend-flask',
          id: '70de5b6f19ff9a0a',
          trace_id: XRAY_ID,
          start_time: 1_700_000_000,
          end_time: 1_700_000_001,
        }),
      );
      await waitFor('the segment', async () => first.store.trace(XRAY_ID));
      await first.close();
      const second = await startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir });
      try {
        const trace = (await (await fetch(`${second.httpUrl}/api/traces/${XRAY_ID}`)).json()) as TraceView;
        assert.equal(trace.xray[0]?.id, '70de5b6f19ff9a0a');
      } finally {
        await second.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
