import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeliveryRecord } from '@cruddur/trace-contract';
import { planFromRecord, type PlannedDestination, type ToolkitSide } from './backend-plan.js';
import { deliveryRecord, off, on, TARGETS, TOOLKIT_HONEYCOMB_KEY, TOOLKIT_ROLLBAR_TOKEN } from './testing.js';

const TOOLKIT: ToolkitSide = {
  honeycomb: { apiKey: TOOLKIT_HONEYCOMB_KEY, endpoint: 'https://api.honeycomb.io' },
  rollbar: {
    token: TOOLKIT_ROLLBAR_TOKEN,
    environment: 'development',
    endpoint: 'https://api.rollbar.com/api/1/item/',
  },
  region: 'us-east-1',
  xrayPipeline: 'sdk',
  xrayPipelineExplicit: false,
};

/** Each planned destination as one short line: `name ready`, `name refused: …`, `name disagrees: …`. */
function summary(planned: PlannedDestination[]): string[] {
  return planned.map((p) => {
    if ('refused' in p) return `${p.name} refused: ${p.refused.problem} — ${p.refused.fix}`;
    if ('disagreement' in p && p.disagreement) return `${p.name} disagrees: ${p.disagreement.problem}`;
    return `${p.name} ready${'pipeline' in p ? ` (${p.pipeline})` : ''}`;
  });
}

const plan = (record: DeliveryRecord, toolkit: Partial<ToolkitSide> = {}) =>
  summary(planFromRecord(record, 'cloud', { ...TOOLKIT, ...toolkit }));

describe('planFromRecord: the backend decides what to prove; disagreements are the cause', () => {
  test('all configured and agreeing: X-Ray, Honeycomb, Rollbar', () => {
    assert.deepEqual(plan(deliveryRecord()), ['xray ready (sdk)', 'honeycomb ready', 'rollbar ready']);
  });

  test('the classic failure: the keys never reached the backend', () => {
    const record = deliveryRecord({
      paths: {
        otel: off('not-configured', 'no HONEYCOMB_API_KEY and no OTEL_EXPORTER_OTLP_ENDPOINT'),
        rollbar: off('not-configured', 'no ROLLBAR_ACCESS_TOKEN'),
      },
    });
    assert.deepEqual(plan(record), [
      'xray ready (sdk)',
      'honeycomb refused: the backend has no HONEYCOMB_API_KEY, so OpenTelemetry is off in it; the variable never reached the backend (the toolkit has it) — npm run load-env, then restart the stack (npm run down && npm run setup)',
      'rollbar refused: the backend has no ROLLBAR_ACCESS_TOKEN, so Rollbar is off in it; the variable never reached the backend (the toolkit has it) — npm run load-env, then restart the stack (npm run down && npm run setup)',
    ]);
  });

  test("a path the toolkit does not know of is still proven from the backend's record", () => {
    assert.deepEqual(plan(deliveryRecord(), { honeycomb: undefined, rollbar: undefined }), [
      'xray ready (sdk)',
      'honeycomb ready',
      'rollbar ready',
    ]);
  });

  test('neither side has Honeycomb or Rollbar: only X-Ray', () => {
    assert.deepEqual(
      plan(deliveryRecord({ paths: { otel: off('not-configured'), rollbar: off('not-configured') } }), {
        honeycomb: undefined,
        rollbar: undefined,
      }),
      ['xray ready (sdk)'],
    );
  });

  test('another key in the backend than in the toolkit', () => {
    const record = deliveryRecord({ paths: { otel: on({ ...TARGETS.honeycomb, keyFingerprint: 'hcaik_…0000' }) } });
    assert.equal(
      plan(record)[1],
      "honeycomb disagrees: Honeycomb: the backend's HONEYCOMB_API_KEY is hcaik_…0000, the toolkit's is hcaik_…7f3a, so the backend's data goes where the toolkit does not look",
    );
  });

  test('another Honeycomb region (EU) in the backend', () => {
    const record = deliveryRecord({
      paths: { otel: on({ ...TARGETS.honeycomb, address: 'https://api.eu1.honeycomb.io/v1/traces' }) },
    });
    assert.equal(
      plan(record)[1],
      "honeycomb disagrees: Honeycomb: the backend sends to https://api.eu1.honeycomb.io, the toolkit's HONEYCOMB_API_ENDPOINT is https://api.honeycomb.io",
    );
  });

  test('OpenTelemetry switched off in the backend', () => {
    assert.match(
      plan(deliveryRecord({ paths: { otel: off('disabled', 'OTEL_SDK_DISABLED=true') } }))[1]!,
      /^honeycomb refused: OpenTelemetry is off in the backend \(disabled: OTEL_SDK_DISABLED=true\), though the toolkit has HONEYCOMB_API_KEY — remove the switch/,
    );
  });

  test('an explicit OTLP endpoint in the backend wins over Honeycomb', () => {
    assert.match(
      plan(deliveryRecord({ paths: { otel: on({ kind: 'otlp', address: 'http://collector:4318/v1/traces' }) } }))[1]!,
      /^honeycomb refused: the backend's OpenTelemetry sends to http:\/\/collector:4318\/v1\/traces, not to Honeycomb.* — unset OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  test('X-Ray SDK disabled in the backend', () => {
    assert.match(
      plan(deliveryRecord({ paths: { xray: off('disabled', 'AWS_XRAY_SDK_ENABLED=false') } }))[0]!,
      /^xray refused: the backend's X-Ray SDK is off \(disabled: AWS_XRAY_SDK_ENABLED=false\), and cloud mode proves X-Ray — unset AWS_XRAY_SDK_ENABLED/,
    );
  });

  test("otel pipeline: X-Ray through the OTLP target, in the toolkit's region", () => {
    const record = deliveryRecord({ xrayPipeline: 'otel', paths: { xray: on(TARGETS.xrayOtlp) } });
    assert.deepEqual(plan(record), ['xray ready (otel)', 'honeycomb ready', 'rollbar ready']);
    assert.equal(
      plan(record, { region: 'eu-west-2' })[0],
      'xray disagrees: X-Ray: the backend sends spans to region us-east-1, the toolkit verifies in AWS_REGION=eu-west-2',
    );
  });

  test('otel pipeline that could not start (no AWS credentials in the backend) names why', () => {
    const record = deliveryRecord({
      xrayPipeline: 'otel',
      paths: { xray: off('failed-to-start', "no AWS credentials for X-Ray's OTLP endpoint") },
    });
    assert.match(
      plan(record)[0]!,
      /^xray refused: the backend's X-Ray through OpenTelemetry is off \(failed-to-start: no AWS credentials for X-Ray's OTLP endpoint\), and cloud mode proves X-Ray — give the backend AWS credentials/,
    );
  });

  test('the toolkit set to another pipeline than the backend runs', () => {
    assert.match(
      plan(deliveryRecord(), { xrayPipeline: 'otel', xrayPipelineExplicit: true })[0]!,
      /^xray refused: the backend runs the sdk X-Ray pipeline, the toolkit has CRUDDUR_XRAY_PIPELINE=otel — npm run load-env/,
    );
  });

  test('local mode proves the inspector alone', () => {
    assert.deepEqual(summary(planFromRecord(deliveryRecord(), 'local', TOOLKIT)), ['local ready']);
  });
});
