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
  });
  const run = (env: Record<string, string | undefined> = {}) => runTaskProcess('xray-resources', [], { root, env: { ...fakes.env, ...env } });

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
    assert.equal(stderr, '✖ aws/json/x-ray.json: SamplingRule.FixedRate = 10 is not valid (expected a number from 0 to 1) — fix: edit SamplingRule.FixedRate in aws/json/x-ray.json\n');
    assert.deepEqual(fakes.xray.calls, []);
  });

  test('the wrong region is named with the fix', async () => {
    const { code, stderr } = await run({ AWS_REGION: 'us-west-2' });
    assert.equal(code, 1);
    assert.match(stderr, /✖ X-Ray GetGroups refused the request for region us-west-2 .* — fix: set AWS_REGION to the region of your X-Ray console/);
  });

  test('local mode says X-Ray resources need AWS', async () => {
    const { code, stderr } = await run({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, HONEYCOMB_API_KEY: undefined, ROLLBAR_ACCESS_TOKEN: undefined });
    assert.equal(code, 1);
    assert.match(stderr, /X-Ray resources live in AWS, and this is local mode \(no AWS credentials configured\) — fix: configure AWS credentials/);
  });
});
