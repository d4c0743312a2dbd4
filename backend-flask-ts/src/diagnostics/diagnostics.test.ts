/**
 * The delivery record through `GET /_cruddur/telemetry` on the real backend process, all three paths
 * pointed at local fakes: each export's outcome per trace, only once the destination answered; a 401
 * from the Honeycomb stand-in named; no secret anywhere in it; no cross-origin answer; bounded; on
 * by default, off in production unless switched on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DIAGNOSTICS_PATH,
  diagnosticsPathFor,
  xrayToOtelTraceId,
  type DeliveryRecord,
  type TraceDelivery,
} from '@cruddur/trace-contract';
import { APP_WITHOUT_TELEMETRY } from '../../../test-support/backend-process.js';
import {
  FAKE_HONEYCOMB_KEY,
  FAKE_ROLLBAR_TOKEN,
  startTracedBackend,
  type TracedBackend,
} from '../../../test-support/traced-backend.js';
import { waitFor } from '../../../test-support/wait.js';
import { TEST_DEADLINE_MS } from '../../../test-support/deadline.js';

let sequence = 0;
const root = (): string =>
  `1-${Math.floor(Date.now() / 1000).toString(16)}-${(0xd1a9000 + ++sequence).toString(16).padStart(24, '0')}`;

async function record(t: TracedBackend, trace?: string): Promise<DeliveryRecord> {
  const res = await t.request(diagnosticsPathFor(trace));
  assert.equal(res.status, 200);
  return (await res.json()) as DeliveryRecord;
}

/** The trace's entry once `ready` holds for it. */
function traceWhere(
  t: TracedBackend,
  trace: string,
  what: string,
  ready: (entry: TraceDelivery) => boolean,
  timeoutMs = TEST_DEADLINE_MS,
): Promise<TraceDelivery> {
  return waitFor(
    what,
    async () => {
      const entry = (await record(t, trace)).traces[0];
      return entry && ready(entry) ? entry : undefined;
    },
    timeoutMs,
  );
}

describe('a backend with all three paths on', () => {
  let t: TracedBackend;
  before(async () => {
    t = await startTracedBackend({ env: { OTEL_EXPORTER_OTLP_TIMEOUT: '3000' } });
  });
  after(() => t.stop());

  test('paths: on, where each sends, keys only as fingerprints', async () => {
    const { paths, xrayPipeline, version, limit, service } = await record(t);
    assert.equal(version, 1);
    assert.equal(xrayPipeline, 'sdk');
    assert.equal(service.name, 'backend-flask');
    assert.ok(limit > 0);
    assert.ok(paths.otel.on && paths.xray.on && paths.rollbar.on);
    assert.deepEqual(paths.otel.targets, [
      {
        kind: 'honeycomb',
        address: `${t.otlp.url}/v1/traces`,
        keyFingerprint: 'hcaik_…fake',
        dataset: 'backend-flask',
      },
    ]);
    assert.equal(paths.xray.targets[0]?.kind, 'xray-daemon');
    assert.equal(paths.xray.targets[0]?.address, t.xray.address);
    assert.deepEqual(paths.rollbar.targets, [
      { kind: 'rollbar', address: t.rollbar.endpoint, keyFingerprint: '…' + FAKE_ROLLBAR_TOKEN.slice(-4) },
    ]);
  });

  test("one request's exports: the OTLP batch accepted (after the spans arrived), the segment handed over, the Rollbar item's uuid", async () => {
    const trace = root();
    const res = await t.request('/rollbar/test', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
    assert.equal(res.status, 200);
    const entry = await traceWhere(t, trace, 'all three exports in the record', (e) =>
      ['otel', 'xray', 'rollbar'].every((path) => e.exports.some((x) => x.path === path)),
    );
    assert.equal(entry.traceId, trace);
    assert.equal(entry.otelTraceId, xrayToOtelTraceId(trace));
    assert.equal(entry.sampled, true);
    const otlp = entry.exports.find((x) => x.path === 'otel')!;
    assert.equal(otlp.target, 'honeycomb');
    assert.equal(otlp.outcome, 'accepted');
    assert.equal(otlp.status, 200);
    assert.ok((otlp.spans ?? 0) >= 1 && otlp.attempts === 1);
    assert.ok(
      t.otlp.spans().some((s) => s.traceId === entry.otelTraceId),
      'recorded only once the stand-in had the spans',
    );
    const segment = entry.exports.find((x) => x.path === 'xray')!;
    assert.deepEqual(
      [segment.target, segment.outcome, segment.names?.[0]],
      ['xray-daemon', 'handed-over', 'backend-flask'],
    );
    const item = entry.exports.find((x) => x.path === 'rollbar')!;
    const [received] = await t.rollbar.waitForItems((i) => i.data['custom']?.trace_id === trace);
    assert.deepEqual([item.outcome, item.level, item.uuid], ['accepted', 'warning', received!.uuid]);
    assert.ok(!Number.isNaN(Date.parse(item.at)));
  });

  test('while the OTLP endpoint hangs the trace shows no OTLP export; once it answers, the export appears with its attempts', async () => {
    t.otlp.fail('hang');
    const trace = root();
    try {
      await t.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
      await traceWhere(t, trace, 'the segment handed over', (e) => e.exports.some((x) => x.path === 'xray'));
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(
        (await record(t, trace)).traces[0]!.exports.filter((x) => x.path === 'otel').length,
        0,
        'no OTLP outcome before an answer',
      );
    } finally {
      t.otlp.heal();
    }
    const entry = await traceWhere(
      t,
      trace,
      'the OTLP export once answered',
      (e) => e.exports.some((x) => x.path === 'otel' && x.outcome === 'accepted'),
      15_000,
    );
    assert.ok(t.otlp.spans().some((s) => s.traceId === entry.otelTraceId));
  });

  test('no secret anywhere in the record, whatever was exported', async () => {
    await t.request('/rollbar/error', { 'x-amzn-trace-id': `Root=${root()};Sampled=1` });
    await waitFor(
      'the error item in the record',
      async () => ((await record(t)).totals?.rollbar?.accepted ?? 0) >= 2 || undefined,
    );
    const body = await (await t.request(DIAGNOSTICS_PATH)).text();
    for (const secret of [
      FAKE_HONEYCOMB_KEY,
      FAKE_ROLLBAR_TOKEN,
      FAKE_HONEYCOMB_KEY.slice(6, 30),
      FAKE_ROLLBAR_TOKEN.slice(0, 16),
    ])
      assert.ok(!body.includes(secret), `the record holds ${secret.slice(0, 8)}…`);
  });

  test('answers no cross-origin request, and sends no CORS header to any', async () => {
    const crossOrigin: Array<Record<string, string>> = [
      { origin: 'http://evil.example' },
      { origin: 'http://localhost:3000' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossOrigin) {
      const res = await t.request(DIAGNOSTICS_PATH, headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(((await res.json()) as { error: string }).error, 'cross_origin');
    }
    const preflight = await fetch(`${t.backend.url}${DIAGNOSTICS_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    const own = await t.request(DIAGNOSTICS_PATH, {
      origin: new URL(t.backend.url).origin,
      'sec-fetch-site': 'same-origin',
    });
    assert.equal(own.status, 200, 'a same-origin read (the developer opening it in a tab) works');
    assert.equal(own.headers.get('access-control-allow-origin'), null);
    assert.equal(own.headers.get('cache-control'), 'no-store');
  });

  test('is not traced itself, and a bad trace= is a 400', async () => {
    const before = t.xray.segments.length;
    const res = await t.request(DIAGNOSTICS_PATH);
    assert.equal(res.headers.get('x-amzn-trace-id'), null);
    assert.equal((await t.request(`${DIAGNOSTICS_PATH}?trace=nope`)).status, 400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(
      t.xray.segments.filter((s) => JSON.stringify(s).includes(DIAGNOSTICS_PATH)).length,
      0,
      'no segment for the endpoint, whatever the method',
    );
    assert.ok(t.xray.segments.length >= before);
  });

  test('is bounded: the latest traces only, the oldest forgotten first', async () => {
    const { limit } = await record(t);
    const first = root();
    await t.request('/api/message_groups', { 'x-amzn-trace-id': `Root=${first};Sampled=1` });
    for (let i = 0; i < limit + 20; i++)
      await (await t.request('/api/message_groups', { 'x-amzn-trace-id': `Root=${root()};Sampled=0` })).arrayBuffer();
    const { traces } = await record(t);
    assert.equal(traces.length, limit);
    assert.equal(
      traces.some((e) => e.traceId === first),
      false,
    );
    assert.equal(traces.at(-1)!.sampled, false, 'unsampled requests are recorded as such');
  });
});

test('the Honeycomb stand-in answers 401: the record names the status for that trace', async (t) => {
  const backend = await startTracedBackend({
    otlp: { keys: ['hcaik_01EXAMPLEsomeoneelseskeysomeoneelseskeysomeoneelseskeysomeone00'] },
  });
  t.after(() => backend.stop());
  const trace = root();
  await backend.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
  const entry = await traceWhere(backend, trace, 'the refused export', (e) => e.exports.some((x) => x.path === 'otel'));
  const refused = entry.exports.find((x) => x.path === 'otel')!;
  assert.deepEqual([refused.outcome, refused.status, refused.attempts], ['refused', 401, 1]);
  assert.match(refused.error ?? '', /^HTTP 401: .*unknown API key/);
  assert.equal((await record(backend)).totals?.honeycomb?.refused, 1);
});

describe('on and off', () => {
  // The paths themselves are off: the record's switch is independent of them, and the backend starts faster.
  const quiet = { OTEL_SDK_DISABLED: 'true', AWS_XRAY_SDK_ENABLED: 'false', ROLLBAR_ACCESS_TOKEN: undefined };
  const cases: Array<[string, Record<string, string | undefined>, boolean]> = [
    ['production (NODE_ENV=production, as the Dockerfile sets): off', { NODE_ENV: 'production' }, false],
    ['production with CRUDDUR_DIAGNOSTICS=on: on', { NODE_ENV: 'production', CRUDDUR_DIAGNOSTICS: 'on' }, true],
    ['CRUDDUR_DIAGNOSTICS=off: off', { CRUDDUR_DIAGNOSTICS: 'off' }, false],
  ];
  for (const [name, env, on] of cases) {
    test(name, async (t) => {
      const backend = await startTracedBackend({ env: { ...quiet, ...env } });
      t.after(() => backend.stop());
      const res = await backend.request(DIAGNOSTICS_PATH);
      assert.equal(res.status, on ? 200 : 404);
      if (!on) assert.equal(((await res.json()) as { error: string }).error, 'not_found');
    });
  }

  test('started from main.ts without the entry point (no telemetry) it still answers, every path off and why', async (t) => {
    const backend = await startTracedBackend({ entry: APP_WITHOUT_TELEMETRY });
    t.after(() => backend.stop());
    const { paths } = (await (await backend.request(DIAGNOSTICS_PATH)).json()) as DeliveryRecord;
    for (const status of Object.values(paths)) assert.ok(!status.on && /telemetry did not start/.test(status.detail));
  });
});
