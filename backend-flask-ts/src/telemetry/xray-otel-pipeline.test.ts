/**
 * `CRUDDUR_XRAY_PIPELINE=otel`: the backend does not load the X-Ray SDK; its OpenTelemetry spans go to
 * X-Ray's OTLP endpoint, SigV4-signed for `xray` in `AWS_REGION` with the default credential chain,
 * besides Honeycomb. The stand-in for X-Ray (test-support/fakes/xray-otlp-endpoint.ts) verifies every
 * signature from the raw request with the AWS SDK's signer and decodes the OTLP body.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DIAGNOSTICS_PATH, xrayToOtelTraceId, type DeliveryRecord } from '@cruddur/trace-contract';
import {
  startXrayOtlpEndpoint,
  type XrayOtlpEndpoint,
  xrayOtlpPipelineEnv,
} from '../../../test-support/fakes/xray-otlp-endpoint.js';
import { startTracedBackend, type TracedBackend } from '../../../test-support/traced-backend.js';
import { waitFor } from '../../../test-support/wait.js';

const ACCESS_KEY_ID = 'AKIAEXAMPLEOTELPIPE1';
const SECRET = 'fake/otel/pipeline/secret/0000000000000001';
const REGION = 'eu-west-2';
/** The seed's sampling rule (`npm run xray-resources` creates it from this file). */
const SEED_RULE = (
  JSON.parse(readFileSync(new URL('../../../aws/json/x-ray.json', import.meta.url), 'utf8')) as {
    SamplingRule: Record<string, unknown>;
  }
).SamplingRule;
/** Samples no home feed, which the local rules always do: proof that the API's rules apply. */
const NO_HOME_FEED_RULE = {
  RuleName: 'NoHomeFeed',
  ResourceARN: '*',
  Priority: 1,
  FixedRate: 0,
  ReservoirSize: 0,
  ServiceName: 'backend-flask',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: 'GET',
  URLPath: '/api/activities/home',
  Version: 1,
  Attributes: {},
};

let sequence = 0;
const root = (): string =>
  `1-${Math.floor(Date.now() / 1000).toString(16)}-${(0x07e1000 + ++sequence).toString(16).padStart(24, '0')}`;

function otelPipelineEnv(xray: XrayOtlpEndpoint, secret = SECRET): Record<string, string | undefined> {
  return xrayOtlpPipelineEnv(xray, ACCESS_KEY_ID, secret);
}

describe('the otel pipeline', () => {
  let xray: XrayOtlpEndpoint;
  let t: TracedBackend;
  before(async () => {
    xray = await startXrayOtlpEndpoint({
      region: REGION,
      keys: { [ACCESS_KEY_ID]: SECRET },
      rules: [NO_HOME_FEED_RULE, SEED_RULE],
    });
    t = await startTracedBackend({ env: otelPipelineEnv(xray) });
  });
  after(async () => {
    await t?.stop();
    await xray?.stop();
  });

  test('says so at start-up, without the X-Ray SDK or its daemon', () => {
    const output = t.backend.output();
    assert.match(
      output,
      /X-Ray \(OpenTelemetry, no X-Ray SDK\): spans as "backend-flask" → http:\/\/127\.0\.0\.1:\d+\/v1\/traces \(OTLP\/HTTP, SigV4 xray eu-west-2\)/,
    );
    assert.doesNotMatch(output, /daemon/);
  });

  test("the request's spans reach X-Ray signed for xray in AWS_REGION, Honeycomb gets the same trace, the response names it, no datagram", async () => {
    const trace = root();
    const home = await t.request('/api/activities/home', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('x-amzn-trace-id'), `Root=${trace};Sampled=1`, 'the response still names the trace');
    const otelTraceId = xrayToOtelTraceId(trace);
    // The server span, the subsegment as a span and the custom span.
    const atXray = await xray.waitForSpans((s) => s.traceId === otelTraceId, { count: 3 });
    for (const name of ['GET /api/activities/home', 'activities_home', 'home-activities-mock-data'])
      assert.ok(
        atXray.some((s) => s.name === name),
        name,
      );
    assert.equal(
      atXray.find((s) => s.name === 'activities_home')!.parentSpanId,
      atXray.find((s) => s.name === 'GET /api/activities/home')!.spanId,
      'the subsegment hangs under the server span',
    );
    const mockData = atXray.find((s) => s.name === 'home-activities-mock-data')!;
    assert.equal(mockData.attributes['app.result_length'], 3);
    assert.ok(typeof mockData.attributes['app.now'] === 'string');
    assert.equal(
      mockData.parentSpanId,
      atXray.find((s) => s.name === 'activities_home')!.spanId,
      'the subsegment became the parent span',
    );
    assert.ok(
      atXray.every((s) => s.resource['service.name'] === 'backend-flask'),
      "X-Ray shows the seed's segment name",
    );
    const signed = xray.exports.find((e) => e.spans.some((s) => s.traceId === otelTraceId))!;
    assert.deepEqual(
      [signed.verdict.accessKeyId, signed.verdict.region, signed.verdict.service],
      [ACCESS_KEY_ID, REGION, 'xray'],
    );
    assert.equal(signed.headers['content-type'], 'application/x-protobuf');
    assert.equal(signed.headers['x-honeycomb-team'], undefined, 'the Honeycomb key never goes to X-Ray');

    const atHoneycomb = await t.otlp.waitForSpans((s) => s.traceId === otelTraceId, { count: atXray.length });
    assert.deepEqual(
      atHoneycomb.map((s) => s.spanId).sort(),
      atXray.map((s) => s.spanId).sort(),
      'Honeycomb gets the same spans',
    );
    assert.ok(
      t.otlp.exports.every((e) => e.headers['authorization'] === undefined),
      'no SigV4 header goes to Honeycomb',
    );

    const user = root();
    await t.request('/api/activities/@andrewbrown', { 'x-amzn-trace-id': `Root=${user};Sampled=1` });
    const userSpans = await xray.waitForSpans((s) => s.traceId === xrayToOtelTraceId(user), { count: 3 });
    assert.ok(['activities_users', 'mock-data'].every((name) => userSpans.some((s) => s.name === name)));

    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(t.xray.datagrams.length, 0, 'no datagram reaches the daemon address');
    assert.equal(xray.refused.length, 0, JSON.stringify(xray.refused));
  });

  test("the sampling rules come from X-Ray's API (signed), the seed's rule among them", async () => {
    await waitFor('an unsampled home feed', async () => {
      const header = (await t.request('/api/activities/home')).headers.get('x-amzn-trace-id') ?? '';
      return header.endsWith('Sampled=0') || undefined;
    });
    assert.ok(xray.calls.includes('GetSamplingRules'));
    assert.match(t.backend.output(), /sampling by X-Ray's centralized rules \(2\)/);
  });

  test('the delivery record covers the X-Ray OTLP exports (target xray-otlp)', async () => {
    const trace = root();
    await t.request('/api/message_groups', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
    const record = await waitFor('both OTLP exports in the record', async () => {
      const answer = (await (await t.request(`${DIAGNOSTICS_PATH}?trace=${trace}`)).json()) as DeliveryRecord;
      const exports = answer.traces[0]?.exports ?? [];
      return exports.some((x) => x.target === 'xray-otlp') && exports.some((x) => x.target === 'honeycomb')
        ? answer
        : undefined;
    });
    assert.equal(record.xrayPipeline, 'otel');
    const status = record.paths.xray;
    assert.ok(status.on);
    assert.deepEqual(status.targets, [
      {
        kind: 'xray-otlp',
        address: `${xray.url}/v1/traces`,
        region: REGION,
        keyFingerprint: '…IPE1',
        serviceName: 'backend-flask',
      },
    ]);
    const toXray = record.traces[0]!.exports.find((x) => x.target === 'xray-otlp')!;
    assert.deepEqual([toXray.path, toXray.outcome, toXray.status], ['xray', 'accepted', 200]);
    assert.ok(!JSON.stringify(record).includes(SECRET));
  });
});

test('a signature X-Ray refuses (another secret) is named in the record: refused, 403', async (t) => {
  const xray = await startXrayOtlpEndpoint({
    region: REGION,
    keys: { [ACCESS_KEY_ID]: 'the/real/secret/is/another/one/000000000001' },
  });
  t.after(() => xray.stop());
  const backend = await startTracedBackend({ env: otelPipelineEnv(xray) });
  t.after(() => backend.stop());
  const trace = root();
  await backend.request('/api/message_groups', { 'x-amzn-trace-id': `Root=${trace};Sampled=1` });
  const refused = await waitFor('the refused X-Ray export', async () => {
    const answer = (await (await backend.request(`${DIAGNOSTICS_PATH}?trace=${trace}`)).json()) as DeliveryRecord;
    return answer.traces[0]?.exports.find((x) => x.target === 'xray-otlp');
  });
  assert.deepEqual([refused.outcome, refused.status], ['refused', 403]);
  assert.match(refused.error ?? '', /signature we calculated does not match/);
  assert.ok(xray.refused.length > 0 && xray.exports.length === 0);
  await waitFor(
    'the sampling line naming the refusal',
    async () =>
      /sampling by the local rules .*HTTP 403 InvalidSignatureException/.test(backend.backend.output()) || undefined,
  );
});
