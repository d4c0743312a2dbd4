import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startCloudFakes, type CloudFakes } from '../../test-support/cloud-fakes.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

describe('npm run xray-resources', () => {
  let fakes: CloudFakes;
  let root: string;
  before(async () => (fakes = await startCloudFakes('eu-west-2')));
  after(() => fakes.stop());
  beforeEach(() => {
    root = createProjectRoot();
    fakes.xray.groups.clear();
    fakes.xray.rules.delete('Cruddur');
    fakes.xray.calls.length = 0;
    fakes.xray.segmentDestination = { Destination: 'XRay', Status: 'ACTIVE' };
    fakes.logs.policies.clear();
    fakes.logs.calls.length = 0;
  });
  const run = (env: Record<string, string | undefined> = {}, args: string[] = []) =>
    runTaskProcess('xray-resources', args, { root, env: { ...fakes.env, ...env } });

  test('creates, then says unchanged and writes nothing', async () => {
    const first = await run();
    assert.equal(first.code, 0, first.output);
    assert.match(first.stdout, /Ensuring X-Ray group Cruddur and sampling rule Cruddur in eu-west-2/);
    assert.match(first.stdout, /✔ group Cruddur: created\n✔ sampling rule Cruddur: created/);
    fakes.xray.calls.length = 0;
    const second = await run();
    assert.equal(second.code, 0);
    assert.match(second.stdout, /✔ group Cruddur: unchanged\n✔ sampling rule Cruddur: unchanged/);
    assert.deepEqual(fakes.xray.calls, ['GetGroups', 'GetSamplingRules']);
  });

  test('puts back a rule edited in the console', async () => {
    await run();
    const record = fakes.xray.rules.get('Cruddur')!;
    record.SamplingRule = { ...record.SamplingRule, ReservoirSize: 50, URLPath: '/api/*' };
    const { code, stdout } = await run();
    assert.equal(code, 0);
    assert.match(stdout, /✔ sampling rule Cruddur: updated \(ReservoirSize, URLPath drifted\)/);
    assert.equal(fakes.xray.rules.get('Cruddur')?.SamplingRule.ReservoirSize, 5);
  });

  test('a bad field in aws/json stops before any AWS call, naming file, field, value and what is allowed', async () => {
    const path = join(root, 'aws', 'json', 'x-ray.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"FixedRate": 0.1', '"FixedRate": 10'));
    const { code, stderr } = await run();
    assert.equal(code, 1);
    assert.equal(
      stderr,
      '✖ aws/json/x-ray.json: SamplingRule.FixedRate = 10 is not valid (expected a number from 0 to 1) — fix: edit SamplingRule.FixedRate in aws/json/x-ray.json\n',
    );
    assert.deepEqual(fakes.xray.calls, []);
  });

  test('the wrong region is named with the fix', async () => {
    const { code, stderr } = await run({ AWS_REGION: 'us-west-2' });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /✖ X-Ray GetGroups refused the request for region us-west-2 .* — fix: set AWS_REGION to the region of your X-Ray console/,
    );
  });

  test('local mode says X-Ray resources need AWS', async () => {
    const { code, stderr } = await run({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      HONEYCOMB_API_KEY: undefined,
      ROLLBAR_ACCESS_TOKEN: undefined,
    });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /X-Ray resources live in AWS, and this is local mode \(no AWS credentials configured\) — fix: configure AWS credentials/,
    );
  });

  describe("CRUDDUR_XRAY_PIPELINE=otel: Transaction Search (X-Ray's control plane and CloudWatch Logs stand-ins)", () => {
    const OTEL = { CRUDDUR_XRAY_PIPELINE: 'otel' };

    test('off: stops with the cause, what is missing and the fix, and changes nothing', async () => {
      const { code, stderr } = await run(OTEL);
      assert.equal(code, 1);
      assert.match(
        stderr,
        /✖ CRUDDUR_XRAY_PIPELINE=otel sends spans to X-Ray's OTLP endpoint, which needs Transaction Search, and it is off in eu-west-2 \(segment destination XRay, not CloudWatchLogs; no CloudWatch Logs resource policy lets xray\.amazonaws\.com write aws\/spans\) — fix: turn it on with npm run xray-resources -- --enable-transaction-search \(.*billed as CloudWatch Logs ingestion and storage.*\), or use CRUDDUR_XRAY_PIPELINE=sdk/,
      );
      assert.ok(!fakes.xray.calls.includes('UpdateTraceSegmentDestination'));
      assert.deepEqual(fakes.logs.calls, ['DescribeResourcePolicies']);
      assert.equal(fakes.logs.policies.size, 0);
    });

    test('--enable-transaction-search says what it changes first, then puts the policy and the destination', async () => {
      const first = await run(OTEL, ['--enable-transaction-search']);
      assert.equal(first.code, 0, first.output);
      assert.match(
        first.stderr,
        /! Turning on Transaction Search in eu-west-2: X-Ray's span ingestion for the whole account and region moves to CloudWatch Logs \(log group aws\/spans\): spans are billed as CloudWatch Logs/,
      );
      assert.match(
        first.stdout,
        /✔ Transaction Search: turning on \(segment destination CloudWatchLogs, PENDING; resource policy CruddurTransactionSearchXRayAccess\)/,
      );
      const policy = JSON.parse(fakes.logs.policies.get('CruddurTransactionSearchXRayAccess')!.policyDocument) as {
        Statement: Array<{ Principal: { Service: string }; Resource: string[] }>;
      };
      assert.equal(policy.Statement[0]!.Principal.Service, 'xray.amazonaws.com');
      assert.ok(
        policy.Statement[0]!.Resource.includes('arn:aws:logs:eu-west-2:123456789012:log-group:aws/spans:*'),
        'scoped to the account STS names and the region',
      );
      assert.deepEqual(fakes.xray.segmentDestination, { Destination: 'CloudWatchLogs', Status: 'PENDING' });

      // AWS finishes turning it on; the next run only reads.
      fakes.xray.segmentDestination = { Destination: 'CloudWatchLogs', Status: 'ACTIVE' };
      fakes.xray.calls.length = 0;
      const second = await run(OTEL);
      assert.equal(second.code, 0, second.output);
      assert.match(
        second.stdout,
        /✔ Transaction Search: on \(segment destination CloudWatchLogs, ACTIVE; resource policy CruddurTransactionSearchXRayAccess lets X-Ray write aws\/spans\)/,
      );
      assert.ok(!fakes.xray.calls.includes('UpdateTraceSegmentDestination'));
    });

    test('on (set up elsewhere, with its own policy): ok, and the sdk pipeline never asks', async () => {
      fakes.xray.segmentDestination = { Destination: 'CloudWatchLogs', Status: 'ACTIVE' };
      const document = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'xray.amazonaws.com' },
            Action: 'logs:PutLogEvents',
            Resource: ['arn:aws:logs:eu-west-2:123456789012:log-group:aws/spans:*'],
          },
        ],
      });
      fakes.logs.policies.set('ConsolePolicy', {
        policyName: 'ConsolePolicy',
        policyDocument: document,
        lastUpdatedTime: 0,
      });
      const { code, stdout } = await run(OTEL);
      assert.equal(code, 0);
      assert.match(
        stdout,
        /✔ Transaction Search: on \(segment destination CloudWatchLogs, ACTIVE; resource policy ConsolePolicy/,
      );
      fakes.xray.calls.length = 0;
      assert.equal((await run()).code, 0);
      assert.ok(!fakes.xray.calls.includes('GetTraceSegmentDestination'), 'sdk: no Transaction Search call');
    });
  });
});
