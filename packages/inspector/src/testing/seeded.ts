/**
 * A real inspector on port 0, fed over its real receivers the way the backend feeds it: X-Ray
 * segments as UDP datagrams, spans as OTLP/JSON over HTTP, an item on the Rollbar endpoint, and the
 * backend's log file in its state folder. Three traces: a 500 with an exception, a 200, a 404.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../../../test-support/wait.js';
import { encodeXrayDatagram, stateLogFile } from '@cruddur/trace-contract';
import { otlpJsonExport } from '../query/export.js';
import { startInspector, type Inspector } from '../server.js';
import type { StoredSpan, StoredTrace } from '../store/types.js';
import { backendLogLine, failingRequest, hexId, storedSpan, T0_S } from './fixtures.js';

export const FAILED_ID = '1-6a8a1b2c-00000000000000000000000a';
export const OK_ID = '1-6a8a1b2c-00000000000000000000000b';
export const NOT_FOUND_ID = '1-6a8a1b2c-00000000000000000000000c';

export interface SeededInspector {
  inspector: Inspector;
  stateDir: string;
  close(): Promise<void>;
}

async function sendDatagram(port: number, datagram: Buffer): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    socket.send(datagram, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
  socket.close();
}

/** Posts spans as an OTLP/JSON export, the encoding the inspector's own export writes. */
export async function sendSpans(inspector: Inspector, traceId: string, spans: StoredSpan[]): Promise<void> {
  const trace: StoredTrace = { traceId, firstSeenMs: 0, lastSeenMs: 0, segments: [], spans };
  const response = await fetch(`${inspector.httpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(otlpJsonExport(trace)),
  });
  if (!response.ok) throw new Error(`OTLP export answered ${response.status}`);
}

function request(spanId: string, path: string, status: number, startS: number): StoredSpan {
  const startMs = startS * 1000;
  return storedSpan({
    spanId,
    name: `GET ${path}`,
    kind: 2,
    startMs,
    endMs: startMs + 12,
    attributes: {
      'http.request.method': 'GET',
      'url.path': path,
      'http.route': path,
      'http.response.status_code': status,
      'user.handle': 'andrewbrown',
    },
  });
}

export async function startSeededInspector(): Promise<SeededInspector> {
  const stateDir = await mkdtemp(join(tmpdir(), 'inspector-seeded-'));
  await writeFile(
    stateLogFile(stateDir, 'backend'),
    [
      '[backend] listening on http://0.0.0.0:4567',
      backendLogLine(OK_ID, {
        msg: 'GET /api/activities/home 200',
        span_id: hexId(1, 'f'),
        path: '/api/activities/home',
        status: 200,
      }),
      backendLogLine(FAILED_ID, {
        level: 'error',
        msg: 'GET /rollbar/error failed',
        span_id: hexId(1, 'd'),
        error: 'Error: Rollbar test error',
        stack: 'Error: Rollbar test error\n    at boom (/app/src/routes/rollbar.ts:12:9)',
      }),
      backendLogLine(FAILED_ID, {
        level: 'error',
        msg: 'GET /rollbar/error 500',
        span_id: hexId(1, 'd'),
        path: '/rollbar/error',
        status: 500,
      }),
      '',
    ].join('\n'),
  );
  const inspector = await startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir });
  const failing = failingRequest(FAILED_ID, T0_S);
  await sendDatagram(inspector.xrayPort, encodeXrayDatagram(failing.segment));
  await sendSpans(inspector, FAILED_ID, failing.spans);
  await sendSpans(inspector, OK_ID, [request(hexId(1, 'f'), '/api/activities/home', 200, T0_S + 60)]);
  await sendSpans(inspector, NOT_FOUND_ID, [request(hexId(2, 'f'), '/api/nope', 404, T0_S + 30)]);
  const item = {
    data: {
      uuid: failing.item.uuid,
      level: 'error',
      environment: 'development',
      timestamp: T0_S,
      custom: { trace_id: FAILED_ID },
      body: { trace: { exception: { class: 'Error', message: 'Rollbar test error' }, frames: [] } },
      request: { method: 'GET', url: 'http://127.0.0.1:4567/rollbar/error' },
    },
  };
  await fetch(`${inspector.httpUrl}/api/1/item/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'local-placeholder' },
    body: JSON.stringify(item),
  });
  await waitFor('the segment datagram', async () =>
    inspector.store.trace(FAILED_ID)?.segments.length ? true : undefined,
  );
  return {
    inspector,
    stateDir,
    close: async () => {
      await inspector.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
