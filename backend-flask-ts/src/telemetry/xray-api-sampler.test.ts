import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { centralizedRule, localRules, RuleSet, wildcardMatch, type Rule } from './xray-api-sampler.js';

const request = (over: Partial<{ host: string; httpMethod: string; urlPath: string; serviceName: string }> = {}) => ({
  host: 'localhost:4567',
  httpMethod: 'GET',
  urlPath: '/api/activities/home',
  serviceName: 'backend-flask',
  ...over,
});

test("X-Ray's wildcards", () => {
  const rows: Array<[string, string | undefined, boolean]> = [
    ['*', undefined, true],
    ['/api/*', '/api/x', true],
    ['/api/?', '/api/xy', false],
    ['GET', 'get', true],
    ['*.gitpod.io', 'a.gitpod.io', true],
    ['a.b', 'axb', false],
  ];
  for (const [pattern, text, expected] of rows)
    assert.equal(wildcardMatch(pattern, text), expected, `${pattern} ~ ${text}`);
});

test('the local rules file: every request, 1 a second then 100% (health checks never reach a sampler: untraced.ts)', () => {
  const rules = new RuleSet(localRules(), () => 1_000);
  assert.deepEqual(
    localRules().map((rule) => rule.name),
    ['Default'],
  );
  for (let i = 0; i < 5; i++)
    assert.equal(rules.shouldSample(request({ urlPath: i % 2 ? '/api/health-check' : '/api/activities/home' })), true);
});

test("the seed's centralized rule: 1 a second borrowed from its reservoir, then its FixedRate", () => {
  const seed = centralizedRule(
    (
      JSON.parse(readFileSync(new URL('../../../aws/json/x-ray.json', import.meta.url), 'utf8')) as {
        SamplingRule: Record<string, unknown>;
      }
    ).SamplingRule,
  )!;
  assert.deepEqual([seed.name, seed.fixedTarget, seed.rate, seed.serviceName], ['Cruddur', 1, 0.1, 'backend-flask']);
  let random = 0.5;
  const rules = new RuleSet(
    [seed],
    () => 5_000,
    () => random,
  );
  assert.equal(rules.shouldSample(request()), true, 'the reservoir');
  assert.equal(rules.shouldSample(request()), false, '0.5 ≥ 0.1');
  random = 0.05;
  assert.equal(rules.shouldSample(request()), true, '0.05 < 0.1');
  assert.equal(rules.match(request({ serviceName: 'another' })), undefined, 'another service is not matched');
});

test('rules are matched by priority; ones on attributes, resources or service types are left out', () => {
  const rule = (name: string, priority: number, extra: Record<string, unknown> = {}) =>
    centralizedRule({
      RuleName: name,
      Priority: priority,
      FixedRate: 0,
      ReservoirSize: 0,
      ServiceName: '*',
      ServiceType: '*',
      Host: '*',
      HTTPMethod: '*',
      URLPath: '*',
      ResourceARN: '*',
      Version: 1,
      Attributes: {},
      ...extra,
    });
  assert.equal(rule('attrs', 1, { Attributes: { a: 'b' } }), undefined);
  assert.equal(rule('ec2', 1, { ServiceType: 'AWS::EC2::Instance' }), undefined);
  const rules = new RuleSet(
    [rule('Default', 10_000)!, rule('First', 1, { URLPath: '/api/*' })!].filter((r): r is Rule => r !== undefined),
  );
  assert.equal(rules.match(request())?.name, 'First');
  assert.equal(rules.match(request({ urlPath: '/rollbar/test' }))?.name, 'Default');
});
