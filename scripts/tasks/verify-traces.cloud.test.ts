/**
 * verify-traces in cloud mode, end to end, with the real backend (its telemetry and its diagnostics
 * endpoint) as a process. Stand-ins: moto_server for X-Ray's trace API (STS, PutTraceSegments,
 * GetTraceSummaries, BatchGetTraces); a UDP receiver for the X-Ray daemon, which forwards each segment
 * to moto's PutTraceSegments as the daemon does and serves the daemon's TCP sampling port; an OTLP
 * receiver for Honeycomb's `/v1/traces` (it checks `x-honeycomb-team` as Honeycomb does); a Rollbar
 * item and read API; a recording `docker` for `docker compose logs xray-daemon`.
 * The tests assert on what the stand-ins received, not only on the exit code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import { DIAGNOSTICS_PATH, type XraySegment } from '@cruddur/trace-contract';
import { startBackendProcess } from '../../test-support/backend-process.js';
import { startOtlpReceiver } from '../../test-support/fakes/otlp-receiver.js';
import {
  createRecordingExecutables,
  type RecordingExecutables,
} from '../../test-support/fakes/recording-executable.js';
import { freePort } from '../../test-support/free-port.js';
import { startMoto, type Moto } from '../../test-support/moto.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';
import {
  FAKE_HONEYCOMB_KEY,
  FAKE_ROLLBAR_TOKEN,
  startTracedBackend,
  type TracedBackend,
  type TracedBackendOptions,
} from '../../test-support/traced-backend.js';

// As scripts/lib/aws/clients.ts does: the SDK's multi-line Node 20 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const READ_TOKEN = 'EXAMPLEread0000000000000000000ab';
const QUERY_KEY = 'EXAMPLEqueryqueryqueryqueryquery';
/** The daemon's sampling port answers X-Ray's default rule, as a daemon with no custom rules does. */
const DEFAULT_RULE = {
  RuleName: 'Default',
  ResourceARN: '*',
  Priority: 10000,
  FixedRate: 0.05,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  Version: 1,
};
/** Several backends start in this file, on a machine other work loads too. */
/** What amazon/aws-xray-daemon logs when its credentials may not write segments. */
const DAEMON_DENIED =
  '2026-11-29T17:00:03Z [Error] Unable to send spans to service: AccessDeniedException: User: arn:aws:iam::123456789012:user/cruddur is not authorized to perform: xray:PutTraceSegments';

interface Report {
  traceId: string;
  otelTraceId: string;
  mode: string;
  destinations: Array<{ name: string; ok: boolean; proof?: string; pipeline?: string; link?: string; error?: string }>;
}

describe('verify-traces in cloud mode proves what the backend itself sent', () => {
  let moto: Moto;
  let xrayApi: XRayClient;
  let bin: RecordingExecutables;
  const root = createProjectRoot();
  /** Whether the daemon stand-in passes segments on to X-Ray (off: AWS refuses what it sends). */
  let daemonForwards = true;
  const forwardedTraceIds: string[] = [];

  before(async () => {
    moto = await startMoto();
    bin = createRecordingExecutables();
    xrayApi = new XRayClient({
      region: moto.env.AWS_REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! },
    });
  });
  after(async () => {
    xrayApi?.destroy();
    bin?.remove();
    await moto?.stop();
  });

  const daemonOptions = (): TracedBackendOptions['xray'] => ({
    centralizedRules: [DEFAULT_RULE],
    forward: async (segment: XraySegment) => {
      if (!daemonForwards) return;
      await xrayApi.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(segment)] }));
      forwardedTraceIds.push(segment.trace_id);
    },
  });

  /** The scripts' side: a fully configured cloud mode, the same keys the backend gets unless a test says otherwise. */
  const scriptsEnv = async (traced: TracedBackend, extra: Record<string, string | undefined> = {}) => ({
    ...moto.env,
    PATH: bin.path,
    BACKEND_URL: traced.backend.url,
    AWS_XRAY_DAEMON_ADDRESS: traced.xray.address,
    HONEYCOMB_API_KEY: FAKE_HONEYCOMB_KEY,
    HONEYCOMB_API_ENDPOINT: traced.otlp.url,
    ROLLBAR_ACCESS_TOKEN: FAKE_ROLLBAR_TOKEN,
    ROLLBAR_ENDPOINT: traced.rollbar.endpoint,
    // Nothing listens there: a stray local inspector must not matter (and the mode is the backend's to say).
    CRUDDUR_INSPECTOR_HTTP_PORT: String(await freePort()),
    ...extra,
  });

  const verify = async (env: Record<string, string | undefined>, timeoutS = 60) => {
    const run = await runTaskProcess('verify-traces', ['--json', '--timeout', String(timeoutS)], { root, env });
    const report = JSON.parse(run.stdout || '{}') as Report;
    const byName = (name: string) => report.destinations?.find((d) => d.name === name);
    return { run, report, byName };
  };

  describe('with everything configured', () => {
    let traced: TracedBackend;
    before(async () => {
      traced = await startTracedBackend({
        xray: daemonOptions(),
        rollbar: { readTokens: [READ_TOKEN] },
        otlp: { queryKeys: [QUERY_KEY] },
      });
    });
    after(() => traced?.stop());

    test("exits 0 only once X-Ray stored the segments, Honeycomb counts the backend's spans and Rollbar lists its item", async () => {
      const { run, report, byName } = await verify(
        await scriptsEnv(traced, { ROLLBAR_READ_TOKEN: READ_TOKEN, HONEYCOMB_QUERY_KEY: QUERY_KEY }),
      );
      assert.equal(run.code, 0, run.output);
      assert.equal(report.mode, 'cloud');
      assert.match(report.traceId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      assert.equal(report.otelTraceId, report.traceId.slice(2).replace('-', ''));
      assert.deepEqual(
        report.destinations.map((d) => [d.name, d.ok, d.proof]),
        [
          ['xray', true, 'stored'],
          ['honeycomb', true, 'stored'],
          ['rollbar', true, 'stored'],
        ],
      );
      assert.equal(byName('xray')!.pipeline, 'sdk');
      assert.equal(
        byName('xray')!.link,
        `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/${report.traceId}`,
      );

      // What the stand-ins hold is the backend's own data of this trace, received before verify-traces answered.
      const spans = traced.otlp.spans().filter((span) => span.traceId === report.otelTraceId);
      assert.ok(spans.length >= 4, `the backend's spans reached the Honeycomb stand-in (${spans.length})`);
      assert.ok(spans.some((span) => span.name === 'home-activities-mock-data'));
      assert.ok(
        traced.otlp.exports.every((e) => e.headers['x-honeycomb-team'] === FAKE_HONEYCOMB_KEY),
        'exported by the backend with its key',
      );
      const items = traced.rollbar.items.filter((item) => item.data['custom']?.trace_id === report.traceId);
      assert.equal(items.length, 1, "the backend's item for /rollbar/error reached the Rollbar stand-in");
      assert.equal(items[0]!.accessToken, FAKE_ROLLBAR_TOKEN);
      assert.equal(byName('rollbar')!.link, `https://rollbar.com/occurrence/uuid/?uuid=${items[0]!.uuid}`);
      assert.ok(
        forwardedTraceIds.filter((id) => id === report.traceId).length >= 3,
        'the daemon stand-in forwarded the segments to moto',
      );
      assert.doesNotMatch(
        run.output,
        /f00dfeedf00dfeedf00dfeedf00dfeed|EXAMPLEfakefake|EXAMPLEread|EXAMPLEquery/,
        'no secret in the output',
      );
    });

    test("without read keys, Honeycomb and Rollbar are proven delivered (the backend's export and item accepted)", async () => {
      const { run, byName } = await verify(await scriptsEnv(traced));
      assert.equal(run.code, 0, run.output);
      assert.deepEqual([byName('honeycomb')!.proof, byName('rollbar')!.proof], ['delivered', 'delivered']);
    });

    test('a query key Honeycomb refuses is named, masked, with the fix', async () => {
      const { run, byName } = await verify(
        await scriptsEnv(traced, { HONEYCOMB_QUERY_KEY: 'EXAMPLEwrongwrongwrongwrongwrong0' }),
        20,
      );
      assert.notEqual(run.code, 0);
      assert.match(
        byName('honeycomb')!.error!,
        /^Honeycomb refused HONEYCOMB_QUERY_KEY …ong0 for the Query Data API \(HTTP 401\) — fix: set HONEYCOMB_QUERY_KEY to a configuration key with the "Run Queries" permission/,
      );
      assert.doesNotMatch(run.output, /EXAMPLEwrong/);
    });

    test("when AWS refuses what the daemon sends, the daemon's log names the missing IAM action", async () => {
      daemonForwards = false;
      bin.setDocker({ logs: { 'xray-daemon': DAEMON_DENIED } });
      try {
        const { run, byName } = await verify(await scriptsEnv(traced), 5);
        assert.notEqual(run.code, 0);
        assert.match(
          byName('xray')!.error!,
          /^AWS refuses what the X-Ray daemon sends: its credentials may not call xray:PutTraceSegments .* — fix: allow xray:PutTraceSegments for the daemon's user or role/,
        );
        assert.ok(
          bin
            .calls()
            .some((call) => call.tool === 'docker' && call.argv.includes('logs') && call.argv.at(-1) === 'xray-daemon'),
          'read docker compose logs xray-daemon',
        );
        assert.deepEqual([byName('honeycomb')!.ok, byName('rollbar')!.ok], [true, true]);
      } finally {
        daemonForwards = true;
        bin.setDocker({ logs: {} });
      }
    });

    test('with the daemon down, it names the daemon', async () => {
      await traced.xray.stop();
      const { run, byName } = await verify(await scriptsEnv(traced), 10);
      assert.notEqual(run.code, 0);
      assert.match(
        byName('xray')!.error!,
        new RegExp(
          `^the X-Ray daemon at 127\\.0\\.0\\.1:\\d+ is not receiving \\(ECONNREFUSED\\).* — fix: start it with npm run up`,
        ),
      );
      assert.match(run.stderr, /✖ xray: the X-Ray daemon at .* is not receiving/);
    });
  });

  test('the classic failure: the backend started without the keys the scripts have; X-Ray still proven', async () => {
    const traced = await startTracedBackend({
      xray: daemonOptions(),
      env: { HONEYCOMB_API_KEY: undefined, ROLLBAR_ACCESS_TOKEN: undefined },
    });
    try {
      const { run, report, byName } = await verify(await scriptsEnv(traced));
      assert.notEqual(run.code, 0);
      assert.deepEqual(
        report.destinations.map((d) => [d.name, d.ok]),
        [
          ['xray', true],
          ['honeycomb', false],
          ['rollbar', false],
        ],
      );
      assert.equal(
        byName('honeycomb')!.error,
        'the backend has no HONEYCOMB_API_KEY, so OpenTelemetry is off in it; the variable never reached the backend (the toolkit has it) — fix: npm run load-env, then restart the stack (npm run down && npm run setup)',
      );
      assert.equal(
        byName('rollbar')!.error,
        'the backend has no ROLLBAR_ACCESS_TOKEN, so Rollbar is off in it; the variable never reached the backend (the toolkit has it) — fix: npm run load-env, then restart the stack (npm run down && npm run setup)',
      );
      assert.equal(traced.otlp.exports.length, 0, 'verify-traces exported nothing itself');
      assert.equal(traced.rollbar.items.length, 0, 'verify-traces posted no item itself');
      assert.match(run.stderr.trim().split('\n').at(-1)!, /^✖ rollbar: the backend has no ROLLBAR_ACCESS_TOKEN/);
    } finally {
      await traced.stop();
    }
  });

  test("Honeycomb answers the backend's export with 401: the backend holds another key than the scripts", async () => {
    const backendKey = 'hcaik_01EXAMPLEotherotherotherotherotherotherotherotherother9999';
    const traced = await startTracedBackend({
      xray: daemonOptions(),
      env: { HONEYCOMB_API_KEY: backendKey },
      otlp: { keys: [FAKE_HONEYCOMB_KEY] },
    });
    try {
      const { run, byName } = await verify(await scriptsEnv(traced), 30);
      assert.notEqual(run.code, 0);
      assert.match(
        byName('honeycomb')!.error!,
        /^Honeycomb refused the backend's export with HTTP 401 \(.*unknown API key.*\): the backend holds a wrong key \(the backend's HONEYCOMB_API_KEY is hcaik_…9999, the toolkit's is hcaik_…fake\) — fix: put an ingest key/,
      );
      assert.equal(traced.otlp.exports.length, 0, 'the stand-in refused every export');
      assert.deepEqual([byName('xray')!.ok, byName('rollbar')!.ok], [true, true]);
      assert.doesNotMatch(run.output, /otherotherother/, "the backend's key is shown only as its fingerprint");
    } finally {
      await traced.stop();
    }
  });

  test("CRUDDUR_XRAY_PIPELINE=otel: X-Ray is proven delivered by the backend's signed export, and says which pipeline", async () => {
    // Stands in for X-Ray's OTLP endpoint (https://xray.<region>.amazonaws.com/v1/traces), which moto lacks.
    const xrayOtlp = await startOtlpReceiver();
    const traced = await startTracedBackend({
      env: {
        ...moto.env,
        AWS_ENDPOINT_URL: undefined,
        AWS_ENDPOINT_URL_XRAY: xrayOtlp.url,
        CRUDDUR_XRAY_PIPELINE: 'otel',
      },
    });
    try {
      const { run, report, byName } = await verify(await scriptsEnv(traced, { CRUDDUR_XRAY_PIPELINE: 'otel' }));
      assert.equal(run.code, 0, run.output);
      assert.deepEqual(
        [byName('xray')!.ok, byName('xray')!.proof, byName('xray')!.pipeline],
        [true, 'delivered', 'otel'],
      );
      assert.match(run.stderr, /xray confirmed the trace after \d+ ms: delivered through the otel pipeline/);
      const spans = xrayOtlp.spans().filter((span) => span.traceId === report.otelTraceId);
      assert.ok(spans.length >= 4, `the backend's spans reached the X-Ray OTLP stand-in (${spans.length})`);
      assert.match(
        String(xrayOtlp.exports[0]!.headers.authorization),
        /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/us-east-1\/xray\/aws4_request/,
        'SigV4-signed for service xray',
      );
      assert.equal(forwardedTraceIds.includes(report.traceId), false, 'no daemon involved');
    } finally {
      await traced.stop();
      await xrayOtlp.stop();
    }
  });

  test('a backend without the diagnostics endpoint is its own error, with the fix', async () => {
    const backend = await startBackendProcess({ env: { CRUDDUR_DIAGNOSTICS: 'off' } });
    try {
      const run = await runTaskProcess('verify-traces', [], { root, env: { ...moto.env, BACKEND_URL: backend.url } });
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        new RegExp(
          `✖ the backend at ${backend.url.replace(/\./g, '\\.')} has no diagnostics endpoint \\(${DIAGNOSTICS_PATH} answers 404\\).* — fix: rebuild and restart the backend`,
        ),
      );
    } finally {
      await backend.stop();
    }
  });
});
