import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeOtlpJson } from '../otlp/decode.js';
import type { TraceView } from '../query/types.js';
import { FAILED_ID, NOT_FOUND_ID, OK_ID, startSeededInspector, type SeededInspector } from '../testing/seeded.js';
import { DEFAULT_LIMITS, TraceStore } from '../store/trace-store.js';
import type { TraceList } from './api.js';
import { createHttpApp } from './http-app.js';
import { registerInspectorRoutes } from './routes.js';

describe('the inspector API, over real sockets', () => {
  let seeded: SeededInspector;
  const url = (path: string) => `${seeded.inspector.httpUrl}${path}`;
  const json = async <T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const response = await fetch(url(path), init);
    return { status: response.status, body: (await response.json()) as T };
  };
  before(async () => (seeded = await startSeededInspector()));
  after(() => seeded.close());

  test('lists newest first by start time, with service, operation, status and the cap', async () => {
    const { body } = await json<TraceList>('/api/traces');
    assert.deepEqual(
      body.traces.map((trace) => [trace.traceId, trace.service, trace.operation, trace.status]),
      [
        [OK_ID, 'backend-flask', 'GET /api/activities/home', 'ok'],
        [NOT_FOUND_ID, 'backend-flask', 'GET /api/nope', 'client-error'],
        [FAILED_ID, 'backend-flask', 'GET /rollbar/error', 'error'],
      ],
    );
    assert.deepEqual([body.matched, body.total, body.limits.maxTraces], [3, 3, 200]);
    assert.deepEqual(body.routes, ['GET /api/activities/home', 'GET /api/nope', 'GET /rollbar/error']);
  });

  test('filters; a bad filter is a JSON 400 that names it', async () => {
    assert.deepEqual(
      (await json<TraceList>('/api/traces?status=error')).body.traces.map((trace) => trace.traceId),
      [FAILED_ID],
    );
    assert.deepEqual(
      (await json<TraceList>('/api/traces?q=rollbar%20test%20error')).body.traces.map((trace) => trace.traceId),
      [FAILED_ID],
    );
    const bad = await json<{ error: string }>('/api/traces?minMs=soon');
    assert.deepEqual([bad.status, bad.body.error], [400, 'minMs=soon is not a number of milliseconds (0 or more)']);
  });

  test('a trace has its merged rows and no links without cloud settings', async () => {
    const { body } = await json<TraceView & { links: unknown }>(`/api/traces/${FAILED_ID}`);
    assert.deepEqual(
      body.rows.map((row) => row.source),
      ['request', 'xray', 'xray', 'otel', 'otel'],
    );
    assert.deepEqual(body.links, { rollbar: {} });
  });

  test('log lines of a trace come from the backend log in the state folder', async () => {
    const { body } = await json<{ lines: Array<{ msg: string }> }>(`/api/traces/${FAILED_ID}/logs`);
    assert.deepEqual(
      body.lines.map((line) => line.msg),
      ['GET /rollbar/error failed', 'GET /rollbar/error 500'],
    );
  });

  test('export: a JSON download and an OTLP/JSON one the decoder reads', async () => {
    const raw = await fetch(url(`/api/traces/${FAILED_ID}/export`));
    assert.equal(raw.headers.get('content-disposition'), `attachment; filename="trace-${FAILED_ID}.json"`);
    assert.equal(((await raw.json()) as { segments: unknown[] }).segments.length, 1);
    const otlp = await fetch(url(`/api/traces/${FAILED_ID}/export?format=otlp`));
    assert.equal(decodeOtlpJson(await otlp.text()).length, 2);
    assert.equal((await json(`/api/traces/${FAILED_ID}/export?format=zip`)).status, 400);
  });

  test('limits: read, set, refused with the range', async () => {
    const putLimits = <T>(body: string) =>
      json<T>('/api/limits', { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    assert.deepEqual((await putLimits('{"maxTraces": 2}')).body, {
      maxTraces: 2,
      maxRecordsPerTrace: 1000,
      maxItems: 200,
    });
    assert.equal((await json<TraceList>('/api/traces')).body.total, 2, 'the oldest-updated trace was evicted');
    const refused = await putLimits<{ error: string }>('{"maxTraces": -1}');
    assert.deepEqual(
      [refused.status, refused.body.error],
      [400, 'maxTraces=-1 is not a whole number from 1 to 100000'],
    );
    assert.equal(
      (await putLimits<{ error: string }>('{"maxSpans": 3}')).body.error,
      'maxSpans is not a limit (limits: maxTraces, maxRecordsPerTrace, maxItems)',
    );
    assert.equal((await putLimits('nope')).status, 400);
    assert.equal(
      (await json('/api/limits', { method: 'PUT', body: 'nope' })).status,
      415,
      'a body that is not JSON by its type is refused as such',
    );
  });

  test('the page and its assets are served; an unknown asset is a JSON 404', async () => {
    assert.match(await (await fetch(url('/'))).text(), /<script type="module" src="\/assets\/app.js">/);
    assert.match((await fetch(url('/assets/app.js'))).headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal((await json('/assets/..%2Fapi.ts')).status, 404);
  });

  test('clear forgets every trace', async () => {
    assert.equal((await json<{ cleared: number }>('/api/traces', { method: 'DELETE' })).body.cleared, 2);
    assert.equal((await json<TraceList>('/api/traces')).body.total, 0);
  });
});

describe('who may clear the traces (DELETE /api/traces)', () => {
  const start = async (remoteClear?: boolean) => {
    const app = createHttpApp();
    await registerInspectorRoutes(app, {
      store: new TraceStore(undefined, DEFAULT_LIMITS),
      startedAtMs: 0,
      assets: { page: '', files: new Map() },
      backendLog: '/nonexistent',
      remoteClear,
    });
    return app;
  };
  const clearFrom = async (remoteAddress: string, remoteClear?: boolean) => {
    const app = await start(remoteClear);
    try {
      const response = await app.inject({ method: 'DELETE', url: '/api/traces', remoteAddress });
      return { status: response.statusCode, error: (response.json() as { error?: string }).error };
    } finally {
      await app.close();
    }
  };

  test('this machine may, over IPv4, IPv6 and IPv4-mapped IPv6 loopback', async () => {
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      assert.equal((await clearFrom(peer)).status, 200, peer);
  });

  test('another machine is refused with 403 and told where to run it, even on a port open to the network', async () => {
    for (const peer of ['192.168.1.20', '172.17.0.1', '::ffff:10.0.0.7', 'fe80::1']) {
      const { status, error } = await clearFrom(peer);
      assert.equal(status, 403, peer);
      assert.match(
        error ?? '',
        new RegExp(`only allowed from this machine \\(the request came from ${peer.replace(/\./g, '\\.')}\\)`),
      );
    }
  });

  test('--allow-remote-clear lets other machines clear (compose publishes the port on loopback only)', async () => {
    assert.equal((await clearFrom('172.17.0.1', true)).status, 200);
  });
});
