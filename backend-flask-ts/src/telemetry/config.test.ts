import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTelemetryConfig, type Env } from './config.js';

const KEY = 'hcaik_01EXAMPLEenvkeyenvkeyenvkeyenvkeyenvkeyenvkeyenvkeyenvkeyenvkey';
const CLASSIC_HEX_KEY = '0123456789abcdef0123456789abcdef';
const CLASSIC_INGEST_KEY = `hcxic_${'a1'.repeat(29)}`;

test('OpenTelemetry: where spans go, with which headers, under which service name', () => {
  const rows: Array<
    [string, Env, { tracesUrl: string; headers: Record<string, string>; serviceName: string } | string]
  > = [
    ['nothing configured: off', {}, 'no HONEYCOMB_API_KEY or OTEL_EXPORTER_OTLP_ENDPOINT'],
    [
      'a Honeycomb key: Honeycomb US',
      { HONEYCOMB_API_KEY: KEY },
      {
        tracesUrl: 'https://api.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': KEY },
        serviceName: 'backend-flask',
      },
    ],
    [
      'HONEYCOMB_API_ENDPOINT for EU',
      { HONEYCOMB_API_KEY: KEY, HONEYCOMB_API_ENDPOINT: 'https://api.eu1.honeycomb.io/' },
      {
        tracesUrl: 'https://api.eu1.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': KEY },
        serviceName: 'backend-flask',
      },
    ],
    [
      'a classic hex key also names the dataset',
      { HONEYCOMB_API_KEY: CLASSIC_HEX_KEY },
      {
        tracesUrl: 'https://api.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': CLASSIC_HEX_KEY, 'x-honeycomb-dataset': 'backend-flask' },
        serviceName: 'backend-flask',
      },
    ],
    [
      'a classic ingest key too, with the service name',
      { HONEYCOMB_API_KEY: CLASSIC_INGEST_KEY, OTEL_SERVICE_NAME: 'api' },
      {
        tracesUrl: 'https://api.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': CLASSIC_INGEST_KEY, 'x-honeycomb-dataset': 'api' },
        serviceName: 'api',
      },
    ],
    [
      "the seed's HONEYCOMB_SERVICE_NAME",
      { HONEYCOMB_API_KEY: KEY, HONEYCOMB_SERVICE_NAME: 'seed' },
      { tracesUrl: 'https://api.honeycomb.io/v1/traces', headers: { 'x-honeycomb-team': KEY }, serviceName: 'seed' },
    ],
    [
      'OTEL_SERVICE_NAME wins over it',
      { HONEYCOMB_API_KEY: KEY, HONEYCOMB_SERVICE_NAME: 'seed', OTEL_SERVICE_NAME: 'otel' },
      { tracesUrl: 'https://api.honeycomb.io/v1/traces', headers: { 'x-honeycomb-team': KEY }, serviceName: 'otel' },
    ],
    [
      'service.name in OTEL_RESOURCE_ATTRIBUTES too',
      { HONEYCOMB_API_KEY: KEY, HONEYCOMB_SERVICE_NAME: 'seed', OTEL_RESOURCE_ATTRIBUTES: 'team=x,service.name=res' },
      { tracesUrl: 'https://api.honeycomb.io/v1/traces', headers: { 'x-honeycomb-team': KEY }, serviceName: 'res' },
    ],
    [
      'an explicit OTLP endpoint is a base URL',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' },
      { tracesUrl: 'http://127.0.0.1:4318/v1/traces', headers: {}, serviceName: 'backend-flask' },
    ],
    [
      '...and wins over Honeycomb, whose key it does not get',
      {
        HONEYCOMB_API_KEY: KEY,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20t',
      },
      {
        tracesUrl: 'http://collector:4318/v1/traces',
        headers: { authorization: 'Bearer t' },
        serviceName: 'backend-flask',
      },
    ],
    [
      'the traces endpoint is used as given',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' },
      { tracesUrl: 'http://b:4318/custom', headers: {}, serviceName: 'backend-flask' },
    ],
    [
      "explicit headers override Honeycomb's, traces headers override both",
      {
        HONEYCOMB_API_KEY: KEY,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=other,a=1',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'A=2',
      },
      {
        tracesUrl: 'https://api.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': 'other', a: '2' },
        serviceName: 'backend-flask',
      },
    ],
    [
      'OTEL_SDK_DISABLED=true turns it off',
      { HONEYCOMB_API_KEY: KEY, OTEL_SDK_DISABLED: 'TRUE' },
      'OTEL_SDK_DISABLED=true',
    ],
    [
      'OTEL_SDK_DISABLED=false keeps it on',
      { HONEYCOMB_API_KEY: KEY, OTEL_SDK_DISABLED: 'false' },
      {
        tracesUrl: 'https://api.honeycomb.io/v1/traces',
        headers: { 'x-honeycomb-team': KEY },
        serviceName: 'backend-flask',
      },
    ],
  ];
  for (const [name, env, expected] of rows) {
    const { otel } = parseTelemetryConfig(env);
    if (typeof expected === 'string') assert.deepEqual(otel, { enabled: false, reason: expected }, name);
    else {
      assert.ok(otel.enabled, name);
      assert.deepEqual(
        { tracesUrl: otel.tracesUrl, headers: otel.headers, serviceName: otel.serviceName },
        expected,
        name,
      );
    }
  }
});

test('OpenTelemetry: who samples a request that arrives without a decision', () => {
  const rows: Array<[string, Env, unknown]> = [
    ["X-Ray's rules when X-Ray is on", {}, { kind: 'xray-rules' }],
    ['every request when X-Ray is off', { AWS_XRAY_SDK_ENABLED: 'false' }, { kind: 'always_on' }],
    ['an explicit OTEL_TRACES_SAMPLER wins', { OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, { kind: 'always_off' }],
    [
      'a ratio',
      { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' },
      { kind: 'ratio', ratio: 0.25 },
    ],
    [
      'a ratio without its argument samples all',
      { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' },
      { kind: 'ratio', ratio: 1 },
    ],
  ];
  for (const [name, env, expected] of rows) {
    const { otel } = parseTelemetryConfig({ HONEYCOMB_API_KEY: KEY, ...env });
    assert.ok(otel.enabled, name);
    assert.deepEqual(otel.rootSampler, expected, name);
  }
});

test('X-Ray: on by default, its daemon address, naming and context-missing strategy', () => {
  const rows: Array<[string, Env, unknown]> = [
    [
      'defaults',
      {},
      {
        enabled: true,
        daemonAddress: '127.0.0.1:2000',
        segmentName: 'backend-flask',
        dynamicNamingPattern: undefined,
        contextMissing: 'LOG_ERROR',
      },
    ],
    [
      'compose',
      {
        AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon:2000',
        AWS_XRAY_URL: '*4567-*.gitpod.io*',
        AWS_XRAY_CONTEXT_MISSING: 'ignore_error',
      },
      {
        enabled: true,
        daemonAddress: 'xray-daemon:2000',
        segmentName: 'backend-flask',
        dynamicNamingPattern: '*4567-*.gitpod.io*',
        contextMissing: 'IGNORE_ERROR',
      },
    ],
    [
      'separate TCP and UDP addresses',
      { AWS_XRAY_DAEMON_ADDRESS: 'udp:10.0.0.1:2000 tcp:10.0.0.2:2001' },
      {
        enabled: true,
        daemonAddress: 'udp:10.0.0.1:2000 tcp:10.0.0.2:2001',
        segmentName: 'backend-flask',
        dynamicNamingPattern: undefined,
        contextMissing: 'LOG_ERROR',
      },
    ],
    [
      'AWS_XRAY_SDK_ENABLED=false turns it off',
      { AWS_XRAY_SDK_ENABLED: 'False' },
      { enabled: false, reason: 'AWS_XRAY_SDK_ENABLED=false' },
    ],
  ];
  for (const [name, env, expected] of rows) assert.deepEqual(parseTelemetryConfig(env).xray, expected, name);
});

test('Rollbar: off without a token; environment, endpoint and code version', () => {
  assert.deepEqual(parseTelemetryConfig({}).rollbar, { enabled: false, reason: 'no ROLLBAR_ACCESS_TOKEN' });
  assert.deepEqual(parseTelemetryConfig({ ROLLBAR_ACCESS_TOKEN: 't' }).rollbar, {
    enabled: true,
    accessToken: 't',
    environment: 'development',
    endpoint: 'https://api.rollbar.com/api/1/item/',
    codeVersion: undefined,
  });
  assert.deepEqual(
    parseTelemetryConfig({
      ROLLBAR_ACCESS_TOKEN: 't',
      ROLLBAR_ENVIRONMENT: 'production',
      ROLLBAR_ENDPOINT: 'http://127.0.0.1:9/api/1/item/',
      GIT_COMMIT: 'abc',
    }).rollbar,
    {
      enabled: true,
      accessToken: 't',
      environment: 'production',
      endpoint: 'http://127.0.0.1:9/api/1/item/',
      codeVersion: 'abc',
    },
  );
});

test('unusable values warn with the variable, the value, what is allowed and the fallback; secrets are never echoed', () => {
  const rows: Array<[Env, RegExp]> = [
    [{ OTEL_SDK_DISABLED: 'yes' }, /^OTEL_SDK_DISABLED="yes" is ignored: expected true or false; using false\.$/],
    [{ AWS_XRAY_SDK_ENABLED: 'off' }, /^AWS_XRAY_SDK_ENABLED="off" is ignored: expected true or false; using true\.$/],
    [
      { AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon' },
      /^AWS_XRAY_DAEMON_ADDRESS="xray-daemon" is ignored: expected host:port .*; using 127\.0\.0\.1:2000\.$/,
    ],
    [{ AWS_XRAY_DAEMON_ADDRESS: 'host:70000' }, /^AWS_XRAY_DAEMON_ADDRESS="host:70000" is ignored/],
    [
      { AWS_XRAY_CONTEXT_MISSING: 'CRASH' },
      /^AWS_XRAY_CONTEXT_MISSING="CRASH" is ignored: expected LOG_ERROR, RUNTIME_ERROR, IGNORE_ERROR; using LOG_ERROR\.$/,
    ],
    [
      { HONEYCOMB_API_KEY: KEY, HONEYCOMB_API_ENDPOINT: 'api.honeycomb.io' },
      /^HONEYCOMB_API_ENDPOINT="api\.honeycomb\.io" is ignored: expected an http\(s\) URL; using https:\/\/api\.honeycomb\.io\.$/,
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' },
      /^OTEL_EXPORTER_OTLP_ENDPOINT="localhost:4318" is ignored: expected an http\(s\) URL/,
    ],
    [
      { HONEYCOMB_API_KEY: KEY, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /^OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is ignored: expected http\/protobuf/,
    ],
    [
      { HONEYCOMB_API_KEY: KEY, OTEL_TRACES_SAMPLER: 'jaeger_remote' },
      /^OTEL_TRACES_SAMPLER="jaeger_remote" is ignored: .*; using X-Ray's sampling rules\.$/,
    ],
    [
      { HONEYCOMB_API_KEY: KEY, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' },
      /^OTEL_TRACES_SAMPLER_ARG="2" is ignored: expected a number from 0 to 1; using 1\.$/,
    ],
    [
      { ROLLBAR_ACCESS_TOKEN: 'secret-token', ROLLBAR_ENDPOINT: 'nope' },
      /^ROLLBAR_ENDPOINT="nope" is ignored: expected an http\(s\) URL; using https:\/\/api\.rollbar\.com\/api\/1\/item\/\.$/,
    ],
  ];
  for (const [env, warning] of rows) {
    const { warnings } = parseTelemetryConfig(env);
    assert.equal(warnings.length, 1, JSON.stringify(env));
    assert.match(warnings[0]!, warning);
    assert.ok(!warnings[0]!.includes(KEY) && !warnings[0]!.includes('secret-token'), 'no secret in a warning');
  }
  assert.deepEqual(parseTelemetryConfig({ HONEYCOMB_API_KEY: KEY }).warnings, []);
});

test("CRUDDUR_XRAY_PIPELINE: sdk by default; otel loads no X-Ray SDK and sends to X-Ray's OTLP endpoint in AWS_REGION", () => {
  const sdk = parseTelemetryConfig({});
  assert.equal(sdk.xrayPipeline, 'sdk');
  assert.ok(sdk.xray.enabled);
  assert.deepEqual(sdk.xrayOtlp, { enabled: false, reason: 'CRUDDUR_XRAY_PIPELINE=sdk' });

  const otel = parseTelemetryConfig({ CRUDDUR_XRAY_PIPELINE: 'OTEL', AWS_REGION: 'eu-west-2' });
  assert.equal(otel.xrayPipeline, 'otel');
  assert.equal(otel.xray.enabled, false);
  assert.deepEqual(otel.xrayOtlp, {
    enabled: true,
    tracesUrl: 'https://xray.eu-west-2.amazonaws.com/v1/traces',
    apiUrl: 'https://xray.eu-west-2.amazonaws.com',
    region: 'eu-west-2',
    serviceName: 'backend-flask',
  });
  assert.deepEqual(otel.rootSampler, { kind: 'xray-rules' }, "X-Ray's rules sample, as in the sdk pipeline");

  const overridden = parseTelemetryConfig({
    CRUDDUR_XRAY_PIPELINE: 'otel',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_ENDPOINT_URL_XRAY: 'http://127.0.0.1:4566/',
  }).xrayOtlp;
  assert.ok(overridden.enabled);
  assert.deepEqual(
    [overridden.tracesUrl, overridden.apiUrl, overridden.region],
    ['http://127.0.0.1:4566/v1/traces', 'http://127.0.0.1:4566', 'us-west-2'],
  );

  const rows: Array<[Env, string]> = [
    [{ CRUDDUR_XRAY_PIPELINE: 'otel' }, 'no AWS_REGION'],
    [
      { CRUDDUR_XRAY_PIPELINE: 'otel', AWS_REGION: 'eu-west-2', AWS_XRAY_SDK_ENABLED: 'false' },
      'AWS_XRAY_SDK_ENABLED=false',
    ],
    [
      { CRUDDUR_XRAY_PIPELINE: 'otel', AWS_REGION: 'eu-west-2', OTEL_SDK_DISABLED: 'true' },
      'OTEL_SDK_DISABLED=true (CRUDDUR_XRAY_PIPELINE=otel sends X-Ray through OpenTelemetry)',
    ],
  ];
  for (const [env, reason] of rows)
    assert.deepEqual(parseTelemetryConfig(env).xrayOtlp, { enabled: false, reason }, reason);
  const { xrayPipeline, warnings } = parseTelemetryConfig({ CRUDDUR_XRAY_PIPELINE: 'daemon' });
  assert.equal(xrayPipeline, 'sdk');
  assert.deepEqual(warnings, ['CRUDDUR_XRAY_PIPELINE="daemon" is ignored: expected sdk or otel; using sdk.']);
});

test('CRUDDUR_DIAGNOSTICS: on unless NODE_ENV=production, which it can override', () => {
  const rows: Array<[Env, boolean]> = [
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', CRUDDUR_DIAGNOSTICS: 'on' }, true],
    [{ NODE_ENV: 'production', CRUDDUR_DIAGNOSTICS: 'TRUE' }, true],
    [{ CRUDDUR_DIAGNOSTICS: 'off' }, false],
    [{ CRUDDUR_DIAGNOSTICS: '0' }, false],
  ];
  for (const [env, on] of rows) assert.equal(parseTelemetryConfig(env).diagnostics, on, JSON.stringify(env));
  const { diagnostics, warnings } = parseTelemetryConfig({ NODE_ENV: 'production', CRUDDUR_DIAGNOSTICS: 'maybe' });
  assert.equal(diagnostics, false);
  assert.deepEqual(warnings, [
    'CRUDDUR_DIAGNOSTICS="maybe" is ignored: expected on or off; using off (NODE_ENV=production).',
  ]);
});

test('OTLP export timeout and compression, for every OTLP target', () => {
  assert.deepEqual(parseTelemetryConfig({ HONEYCOMB_API_KEY: KEY }).otlpExport, {
    timeoutMs: 10_000,
    compression: 'none',
  });
  assert.deepEqual(
    parseTelemetryConfig({
      HONEYCOMB_API_KEY: KEY,
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    }).otlpExport,
    { timeoutMs: 1000, compression: 'gzip' },
  );
  assert.equal(
    parseTelemetryConfig({
      HONEYCOMB_API_KEY: KEY,
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2500',
    }).otlpExport.timeoutMs,
    2500,
  );
  assert.match(
    parseTelemetryConfig({ HONEYCOMB_API_KEY: KEY, OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' }).warnings[0] ?? '',
    /^OTEL_EXPORTER_OTLP_TIMEOUT="soon" is ignored/,
  );
});
