import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCloudFakes, FAKE_SECRETS, type CloudFakes } from '../../test-support/cloud-fakes.js';
import { freePort } from '../../test-support/free-port.js';
import { startMoto, type Moto } from '../../test-support/moto.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

describe('npm run check-credentials', () => {
  let fakes: CloudFakes;
  let root: string;
  before(async () => {
    fakes = await startCloudFakes();
    root = createProjectRoot();
  });
  after(() => fakes.stop());
  const run = (env: Record<string, string | undefined>, args: string[] = []) =>
    runTaskProcess('check-credentials', args, { root, env: { ...fakes.env, ...env } });

  test('prints one proven line per service, secrets masked', async () => {
    const { code, stdout } = await run({});
    assert.equal(code, 0);
    assert.match(
      stdout,
      /✔ AWS: account \d{12}, arn:aws:sts::\d{12}:user\/moto, region us-east-1 \(credentials: env\)/,
    );
    assert.match(
      stdout,
      /✔ Honeycomb: team cruddur-team, environment dev, environment key hcaik_…7f3a may send events/,
    );
    assert.match(stdout, /✔ Rollbar: token …7e57 is well-formed and 127\.0\.0\.1:\d+ answers \(prove it with --probe/);
  });

  test('names what the credentials that send to X-Ray must allow, per pipeline', async () => {
    const sdk = await run({});
    assert.equal(sdk.code, 0);
    assert.match(
      sdk.stdout,
      /^  CRUDDUR_XRAY_PIPELINE=sdk: the X-Ray daemon's credentials must allow xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets \(the AWSXRayDaemonWriteAccess managed policy has them\)$/m,
    );
    const otel = await run({ CRUDDUR_XRAY_PIPELINE: 'otel' });
    assert.equal(otel.code, 0);
    assert.match(
      otel.stdout,
      /^  CRUDDUR_XRAY_PIPELINE=otel: the backend's AWS credentials must allow xray:PutSpans, xray:PutSpansForIndexing, xray:GetSamplingRules, xray:GetSamplingTargets$/m,
    );
  });

  test('--probe posts a Rollbar item and names its uuid', async () => {
    const { code, stdout } = await run({}, ['--probe']);
    assert.equal(code, 0);
    assert.match(stdout, /✔ Rollbar: token …7e57 posted probe item [0-9a-f-]{36}/);
  });

  test('unconfigured services are skipped, not failed (local mode)', async () => {
    const { code, stdout } = await run({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      HONEYCOMB_API_KEY: undefined,
      ROLLBAR_ACCESS_TOKEN: undefined,
    });
    assert.equal(code, 0);
    assert.match(stdout, /– AWS: not configured \(no credentials configured \(local mode\)/);
    assert.match(stdout, /– Honeycomb: not configured \(HONEYCOMB_API_KEY is not set\)/);
    assert.doesNotMatch(stdout, /must allow/, 'no AWS, no X-Ray permissions to name');
  });

  test('a bad Honeycomb key fails its line with the fix; the others still report', async () => {
    const { code, stdout, stderr } = await run({
      HONEYCOMB_API_KEY: 'hcaik_01EXAMPLEj0wrongwrongwrongwrongwrongwrongwrongwrongwrong0000',
    });
    assert.equal(code, 1);
    assert.match(stdout, /✔ AWS:/);
    assert.match(
      stderr,
      /✖ Honeycomb: Honeycomb rejected HONEYCOMB_API_KEY hcaik_…0000 .*HTTP 401\) — fix: create an ingest key/,
    );
    assert.match(
      stderr.trim().split('\n').at(-1) ?? '',
      /✖ Honeycomb credentials failed the check — fix: fix what the ✖ lines above name/,
    );
  });

  test('a malformed Rollbar token is named without being shown', async () => {
    const { code, stderr } = await run({ ROLLBAR_ACCESS_TOKEN: 'not-a-rollbar-token-at-all' });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /✖ Rollbar: ROLLBAR_ACCESS_TOKEN …\S* does not look like a Rollbar access token \(expected 32 hexadecimal characters, got 26/,
    );
  });

  test('the network down: STS on a closed port', async () => {
    const { code, stderr } = await run({ AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${await freePort()}` });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /✖ AWS: cannot reach STS at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) — fix: check your network or proxy/,
    );
  });

  test('a region typo is refused before any call', async () => {
    const { code, stderr } = await run({ AWS_REGION: 'us-east1' });
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /AWS_REGION="us-east1" is not valid \(expected a region code such as us-east-1/);
  });

  test('an unknown flag is named with the allowed ones', async () => {
    const { code, stderr } = await run({}, ['--prob']);
    assert.equal(code, 1);
    assert.match(stderr, /Unknown option '--prob'.*use only these options: --mode local\|cloud, --probe, or --help/);
  });
});

describe('npm run check-credentials with keys AWS does not know', () => {
  let moto: Moto;
  before(async () => {
    // moto checks keys against its IAM when told to authenticate from the first call.
    process.env.INITIAL_NO_AUTH_ACTION_COUNT = '0';
    moto = await startMoto();
    delete process.env.INITIAL_NO_AUTH_ACTION_COUNT;
  });
  after(() => moto.stop());

  test('fails the AWS line with the invalid-key cause and fix', async () => {
    const { code, stderr } = await runTaskProcess('check-credentials', [], {
      root: createProjectRoot(),
      env: { ...moto.env, AWS_SECRET_ACCESS_KEY: FAKE_SECRETS.AWS_SECRET_ACCESS_KEY },
    });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /✖ AWS: AWS does not recognise these credentials \(STS GetCallerIdentity: InvalidClientTokenId\) — fix: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
  });
});
