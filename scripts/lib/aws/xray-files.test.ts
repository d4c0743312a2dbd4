import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ToolkitError } from '../errors.js';
import { loadXrayResourceSpecs, parseGroupFile, parseSamplingRuleFile } from './xray-files.js';

const RULE = JSON.parse(readFileSync('aws/json/x-ray.json', 'utf8')) as { SamplingRule: Record<string, unknown> };
const withRule = (patch: Record<string, unknown>) =>
  JSON.stringify({ SamplingRule: { ...RULE.SamplingRule, ...patch } });

describe('the committed aws/json files', () => {
  test('hold the seed rule and the Cruddur group', () => {
    const { rule, group } = loadXrayResourceSpecs('.');
    assert.deepEqual(
      [rule.RuleName, rule.Priority, rule.FixedRate, rule.ReservoirSize, rule.ServiceName, rule.Version],
      ['Cruddur', 9000, 0.1, 5, 'backend-flask', 1],
    );
    assert.deepEqual(group, { GroupName: 'Cruddur', FilterExpression: 'service("backend-flask")' });
  });
});

describe('a bad field is named with its file, value and what is allowed', () => {
  const rows: Array<[string, string, RegExp]> = [
    [
      'a rate above 1',
      withRule({ FixedRate: 2 }),
      /x-ray\.json: SamplingRule\.FixedRate = 2 is not valid \(expected a number from 0 to 1\)/,
    ],
    [
      'a priority as a string',
      withRule({ Priority: '9000' }),
      /SamplingRule\.Priority = "9000" is not valid \(expected an integer from 1 to 9999/,
    ],
    ['the Default rule priority', withRule({ Priority: 10000 }), /Priority = 10000/],
    ['a negative reservoir', withRule({ ReservoirSize: -1 }), /ReservoirSize = -1/],
    ['version 2', withRule({ Version: 2 }), /Version = 2 is not valid \(expected 1, the only rule version/],
    [
      'a rule name of 33 characters',
      withRule({ RuleName: 'x'.repeat(33) }),
      /RuleName = "x{33}" is not valid \(expected a string of 1 to 32/,
    ],
    [
      'a typo in a field name',
      withRule({ FixedRatio: 0.1 }),
      /SamplingRule\.FixedRatio is not a known field \(allowed: RuleName, ResourceARN/,
    ],
    [
      'a missing field',
      JSON.stringify({ SamplingRule: { ...RULE.SamplingRule, Host: undefined } }),
      /SamplingRule\.Host is missing/,
    ],
    [
      'no SamplingRule wrapper',
      JSON.stringify(RULE.SamplingRule),
      /RuleName is not a known field \(allowed: SamplingRule\)/,
    ],
    ['broken JSON', '{"SamplingRule": {', /x-ray\.json is not valid JSON/],
    ['attributes that are not strings', withRule({ Attributes: { tier: 1 } }), /Attributes = \{"tier":1\}/],
  ];
  for (const [name, text, message] of rows) {
    test(name, () =>
      assert.throws(
        () => parseSamplingRuleFile(text),
        (err: unknown) =>
          err instanceof ToolkitError && message.test(err.problem) && /aws\/json\/x-ray\.json/.test(err.fix),
      ),
    );
  }
  test('a group without a filter expression', () => {
    assert.throws(() => parseGroupFile('{"GroupName":"Cruddur"}'), /xray-group\.json: FilterExpression is missing/);
  });
  test('a group with a bad insights flag', () => {
    assert.throws(
      () =>
        parseGroupFile(
          '{"GroupName":"Cruddur","FilterExpression":"x","InsightsConfiguration":{"InsightsEnabled":"yes"}}',
        ),
      /InsightsConfiguration = /,
    );
  });
  test('a missing file names the git command that restores it', () => {
    assert.throws(
      () => loadXrayResourceSpecs('/nonexistent'),
      (err: unknown) =>
        err instanceof ToolkitError &&
        /ENOENT/.test(err.problem) &&
        /git checkout -- aws\/json\/x-ray\.json/.test(err.fix),
    );
  });
});
