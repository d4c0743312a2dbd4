/**
 * Each path turns off alone (`OTEL_SDK_DISABLED=true`, `AWS_XRAY_SDK_ENABLED=false`, no Rollbar
 * token) and the others still name the request's trace; the built JavaScript preloads the same way;
 * X-Ray's centralized sampling rules, when the daemon serves them, decide for both tracers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BACKEND_DIR } from '../../../test-support/backend-process.js';
import { startTracedBackend } from '../../../test-support/traced-backend.js';
import { waitFor } from '../../../test-support/wait.js';
import { xrayToOtelTraceId } from '@cruddur/trace-contract';

const ROOT_DIR = join(BACKEND_DIR, '..');
const root = (suffix: string) => `1-${Math.floor(Date.now() / 1000).toString(16)}-${suffix.padStart(24, '0')}`;

test('OTEL_SDK_DISABLED=true: X-Ray alone joins incoming traces, answers the trace headers, and Rollbar carries its id', async (t) => {
  const backend = await startTracedBackend({ env: { OTEL_SDK_DISABLED: 'true' } });
  t.after(() => backend.stop());
  assert.match(backend.backend.output(), /OpenTelemetry off \(OTEL_SDK_DISABLED=true\)/);

  const joined = root('b1');
  const res = await backend.request('/api/activities/@andrewbrown', { 'x-amzn-trace-id': `Root=${joined};Sampled=1` });
  assert.equal(res.headers.get('x-amzn-trace-id'), `Root=${joined};Sampled=1`);
  const [segment] = await backend.xray.waitForSegments((s) => s.trace_id === joined);
  assert.equal(res.headers.get('traceresponse'), `00-${xrayToOtelTraceId(joined)}-${segment!.id}-01`);
  assert.equal(segment!.subsegments?.[0]?.subsegments?.[0]?.name, 'mock-data');

  const w3c = `${Math.floor(Date.now() / 1000).toString(16)}0000000000000000000000b2`;
  await backend.request('/api/activities/home', { traceparent: `00-${w3c}-00f067aa0ba902b7-01` });
  const [fromTraceparent] = await backend.xray.waitForSegments(
    (s) => s.trace_id === `1-${w3c.slice(0, 8)}-${w3c.slice(8)}`,
  );
  assert.equal(fromTraceparent!.parent_id, '00f067aa0ba902b7');

  const failed = root('b3');
  assert.equal(
    (await backend.request('/rollbar/error', { 'x-amzn-trace-id': `Root=${failed};Sampled=1` })).status,
    500,
  );
  const [item] = await backend.rollbar.waitForItems((i) => i.data['level'] === 'error');
  assert.equal(
    item!.data['custom']?.trace_id,
    failed,
    'the segment is found after an await, through the AsyncLocalStorage',
  );
  assert.equal(backend.otlp.exports.length, 0);
});

test('AWS_XRAY_SDK_ENABLED=false: OpenTelemetry alone keeps a Root-only trace id; nothing goes over UDP', async (t) => {
  const backend = await startTracedBackend({ env: { AWS_XRAY_SDK_ENABLED: 'false' } });
  t.after(() => backend.stop());
  assert.match(backend.backend.output(), /X-Ray off \(AWS_XRAY_SDK_ENABLED=false\)/);

  const joined = root('c1');
  const res = await backend.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${joined};Sampled=1` });
  assert.equal(res.headers.get('x-amzn-trace-id'), `Root=${joined};Sampled=1`);
  const [server] = await backend.otlp.waitForSpans((s) => s.traceId === xrayToOtelTraceId(joined) && s.kind === 2);
  assert.equal(res.headers.get('traceresponse'), `00-${server!.traceId}-${server!.spanId}-01`);
  const unnamed = await backend.request('/api/activities/notifications');
  assert.match(
    unnamed.headers.get('x-amzn-trace-id') ?? '',
    /Sampled=1$/,
    'without X-Ray rules every request is sampled',
  );
  await backend.request('/rollbar/test');
  await backend.rollbar.waitForItems(() => true);
  assert.equal(backend.xray.datagrams.length, 0);
});

test('everything off: the API answers without trace headers and nothing leaves the process', async (t) => {
  const backend = await startTracedBackend({
    env: { OTEL_SDK_DISABLED: 'true', AWS_XRAY_SDK_ENABLED: 'false', ROLLBAR_ACCESS_TOKEN: undefined },
  });
  t.after(() => backend.stop());
  assert.match(backend.backend.output(), /Rollbar off \(no ROLLBAR_ACCESS_TOKEN\)/);
  const res = await backend.request('/rollbar/test');
  assert.equal(await res.text(), 'Hello World!');
  assert.equal(res.headers.get('x-amzn-trace-id'), null);
  assert.equal((await backend.request('/rollbar/error')).status, 500);
  assert.deepEqual(await backend.backend.stop(), { code: 0, signal: null });
  assert.deepEqual(
    [backend.otlp.exports.length, backend.xray.datagrams.length, backend.rollbar.items.length],
    [0, 0, 0],
  );
});

test('the built JavaScript, preloaded as the image runs it, names Express routes and joins one trace', async (t) => {
  // Laid out like the image: the workspace's package.json and dist, the repository's node_modules.
  const app = mkdtempSync(join(tmpdir(), 'cruddur-built-'));
  t.after(() => rmSync(app, { recursive: true, force: true }));
  symlinkSync(join(ROOT_DIR, 'node_modules'), join(app, 'node_modules'));
  cpSync(join(BACKEND_DIR, 'package.json'), join(app, 'package.json'));
  execFileSync(process.execPath, [
    join(ROOT_DIR, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(BACKEND_DIR, 'tsconfig.build.json'),
    '--outDir',
    join(app, 'dist'),
  ]);

  const backend = await startTracedBackend({
    cwd: app,
    command: [process.execPath, '--enable-source-maps', '--import', './dist/telemetry/instrument.js', 'dist/main.js'],
  });
  t.after(() => backend.stop());
  const joined = root('d1');
  await backend.request('/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee', {
    'x-amzn-trace-id': `Root=${joined};Sampled=1`,
  });
  const [server] = await backend.otlp.waitForSpans((s) => s.traceId === xrayToOtelTraceId(joined) && s.kind === 2);
  assert.equal(server!.name, 'GET /api/activities/:uuid');
  assert.equal(server!.attributes['http.route'], '/api/activities/:uuid');
  const [segment] = await backend.xray.waitForSegments((s) => s.trace_id === joined);
  assert.equal(segment!.subsegments?.[0]?.name, 'activities_show');
});

test('centralized sampling rules served by the daemon replace the local rules, for both tracers', async (t) => {
  // The local rules sample every traced request; this centralized rule samples none of this path.
  const rule = {
    RuleName: 'NoHome',
    ResourceARN: '*',
    Priority: 1,
    FixedRate: 0,
    ReservoirSize: 0,
    ServiceName: '*',
    ServiceType: '*',
    Host: '*',
    HTTPMethod: 'GET',
    URLPath: '/api/activities/home',
    Version: 1,
    Attributes: {},
  };
  const backend = await startTracedBackend({ xray: { centralizedRules: [rule] } });
  t.after(() => backend.stop());

  assert.match(
    (await backend.request('/api/activities/home')).headers.get('x-amzn-trace-id') ?? '',
    /Sampled=1$/,
    'local rules until the first poll answers',
  );
  const unsampled = await waitFor('the centralized rule to apply', async () => {
    const res = await backend.request('/api/activities/home');
    return (res.headers.get('x-amzn-trace-id') ?? '').endsWith('Sampled=0') ? res : undefined;
  });
  assert.ok(backend.xray.samplingCalls.includes('GetSamplingRules'));
  assert.match(unsampled.headers.get('traceresponse') ?? '', /-00$/, 'OpenTelemetry follows the same decision');
});
