import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  GetSamplingRulesCommand,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
  type XRayClient,
} from '@aws-sdk/client-xray';
import {
  startFakeXrayControlPlane,
  type FakeXrayControlPlane,
} from '../../../test-support/fakes/xray-control-plane.js';
import { freePort } from '../../../test-support/free-port.js';
import { parseToolkitConfig, type ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import { createXrayClient } from './clients.js';
import { loadXrayResourceSpecs } from './xray-files.js';
import { describeEnsureResult, ensureSamplingRule, ensureXrayGroup } from './xray-resources.js';

const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAVALIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'fake/secret/for/the/xray/fake/0000000001',
};
const { rule, group } = loadXrayResourceSpecs('.');

function clientFor(
  fake: FakeXrayControlPlane,
  env: Record<string, string> = {},
): { xray: XRayClient; config: ToolkitConfig } {
  const vars = { ...KEYS, AWS_REGION: fake.region, AWS_ENDPOINT_URL_XRAY: fake.url, ...env };
  const config = parseToolkitConfig({ env: vars });
  return { xray: createXrayClient(config), config };
}

describe('ensureXrayGroup and ensureSamplingRule against the X-Ray control plane', () => {
  let fake: FakeXrayControlPlane;
  let xray: XRayClient;
  let config: ToolkitConfig;
  before(async () => {
    fake = await startFakeXrayControlPlane({ region: 'eu-west-2' });
    ({ xray, config } = clientFor(fake));
  });
  after(() => fake.stop());
  beforeEach(() => {
    fake.groups.clear();
    for (const name of fake.rules.keys()) if (name !== 'Default') fake.rules.delete(name);
  });

  test("the first run creates both, with the file's fields", async () => {
    assert.equal((await ensureXrayGroup(xray, group, config)).outcome, 'created');
    assert.equal((await ensureSamplingRule(xray, rule, config)).outcome, 'created');
    assert.equal(fake.groups.get('Cruddur')?.FilterExpression, 'service("backend-flask")');
    const rules = await xray.send(new GetSamplingRulesCommand({}));
    const created = rules.SamplingRuleRecords?.find((r) => r.SamplingRule?.RuleName === 'Cruddur')?.SamplingRule;
    assert.deepEqual(
      [created?.Priority, created?.FixedRate, created?.ReservoirSize, created?.ServiceName],
      [9000, 0.1, 5, 'backend-flask'],
    );
  });

  test('a second run changes nothing and says so', async () => {
    await ensureXrayGroup(xray, group, config);
    await ensureSamplingRule(xray, rule, config);
    fake.calls.length = 0;
    const results = [await ensureXrayGroup(xray, group, config), await ensureSamplingRule(xray, rule, config)];
    assert.deepEqual(results.map(describeEnsureResult), [
      'group Cruddur: unchanged',
      'sampling rule Cruddur: unchanged',
    ]);
    assert.deepEqual(fake.calls, ['GetGroups', 'GetSamplingRules']);
  });

  test('a rule edited in the console is put back and the drifted fields are named', async () => {
    await ensureSamplingRule(xray, rule, config);
    await xray.send(
      new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'Cruddur', FixedRate: 0.5, ReservoirSize: 1 } }),
    );
    const result = await ensureSamplingRule(xray, rule, config);
    assert.equal(describeEnsureResult(result), 'sampling rule Cruddur: updated (FixedRate, ReservoirSize drifted)');
    assert.equal(fake.rules.get('Cruddur')?.SamplingRule.FixedRate, 0.1);
    assert.equal((await ensureSamplingRule(xray, rule, config)).outcome, 'unchanged');
  });

  test('a group filter edited in the console is put back', async () => {
    await ensureXrayGroup(xray, group, config);
    await xray.send(new UpdateGroupCommand({ GroupName: 'Cruddur', FilterExpression: 'service("other")' }));
    assert.equal(
      describeEnsureResult(await ensureXrayGroup(xray, group, config)),
      'group Cruddur: updated (FilterExpression drifted)',
    );
    assert.equal(fake.groups.get('Cruddur')?.FilterExpression, group.FilterExpression);
  });

  test('"already exists" from a concurrent run is not an error', async () => {
    const [a, b] = await Promise.all([ensureXrayGroup(xray, group, config), ensureXrayGroup(xray, group, config)]);
    assert.deepEqual([a.outcome, b.outcome].sort(), ['created', 'unchanged']);
  });
});

describe('X-Ray failures end in one line with the fix', () => {
  let fake: FakeXrayControlPlane;
  let closed: string;
  before(async () => {
    closed = `http://127.0.0.1:${await freePort()}`;
    fake = await startFakeXrayControlPlane({
      region: 'us-east-1',
      keys: { [KEYS.AWS_ACCESS_KEY_ID]: 'valid', AKIAEXPIREDEXAMPLE: 'expired', AKIADENIEDEXAMPLE: 'denied' },
    });
  });
  after(() => fake.stop());

  const rows: Array<[string, () => Record<string, string>, RegExp]> = [
    [
      'an unknown key',
      () => ({ AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE' }),
      /does not recognise these credentials \(X-Ray GetGroups: UnrecognizedClientException\)/,
    ],
    [
      'an expired token',
      () => ({ AWS_ACCESS_KEY_ID: 'AKIAEXPIREDEXAMPLE', AWS_SESSION_TOKEN: 'fake-session-token-000000000000' }),
      /credentials have expired/,
    ],
    ['access denied', () => ({ AWS_ACCESS_KEY_ID: 'AKIADENIEDEXAMPLE' }), /may not call xray:GetGroups/],
    ['the wrong region', () => ({ AWS_REGION: 'eu-west-1' }), /refused the request for region eu-west-1/],
    [
      'the network down',
      () => ({ AWS_ENDPOINT_URL_XRAY: closed }),
      /cannot reach X-Ray at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    ],
  ];
  for (const [name, env, message] of rows) {
    test(name, async () => {
      const { xray, config } = clientFor(fake, env());
      await assert.rejects(
        ensureXrayGroup(xray, group, config),
        (err: unknown) => err instanceof ToolkitError && message.test(err.problem),
      );
    });
  }
});
