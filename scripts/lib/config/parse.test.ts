import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ToolkitError } from '../errors.js';
import { parseToolkitConfig, type ConfigInputs } from './parse.js';

const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('parseToolkitConfig picks the mode', () => {
  const rows: Array<[string, ConfigInputs, string, string]> = [
    ['no credentials at all', { env: {} }, 'local', 'no AWS credentials configured'],
    ['keys and region in env', { env: { ...KEYS, AWS_REGION: 'us-east-1' } }, 'cloud', 'AWS credentials found (env)'],
    ['a profile', { env: { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-2' } }, 'cloud', 'AWS credentials found (profile)'],
    [
      'only ~/.aws files',
      { env: { AWS_REGION: 'us-east-1' }, hasSharedAwsFiles: true },
      'cloud',
      'AWS credentials found (shared-files)',
    ],
    [
      'keys only in .env: named as .env, not env',
      { env: {}, dotenv: { ...KEYS, AWS_REGION: 'us-east-1' } },
      'cloud',
      'AWS credentials found (.env)',
    ],
    [
      'keys in env over .env',
      { env: { ...KEYS }, dotenv: { ...KEYS, AWS_REGION: 'us-east-1' } },
      'cloud',
      'AWS credentials found (env)',
    ],
    ['--mode local despite credentials', { env: { ...KEYS }, flags: { mode: 'local' } }, 'local', '--mode local'],
    [
      '--mode local with a Honeycomb key',
      { env: { HONEYCOMB_API_KEY: 'hcaik_fake' }, flags: { mode: 'local' } },
      'local',
      '--mode local',
    ],
    [
      '--mode local past a key id without its secret',
      { env: { AWS_ACCESS_KEY_ID: 'x' }, flags: { mode: 'local' } },
      'local',
      '--mode local; AWS settings ignored: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not',
    ],
    [
      '--mode local past a region typo',
      { env: { ...KEYS, AWS_REGION: 'us-east1' }, flags: { mode: 'local' } },
      'local',
      '--mode local; AWS settings ignored: AWS_REGION="us-east1" is not valid (expected a region code such as us-east-1 or eu-west-2)',
    ],
  ];
  for (const [name, inputs, mode, reason] of rows) {
    test(name, () => {
      const config = parseToolkitConfig(inputs);
      assert.equal(config.mode, mode);
      assert.equal(config.modeReason, reason);
    });
  }
});

describe('parseToolkitConfig refuses half-configured clouds with the fix', () => {
  const rows: Array<[string, ConfigInputs, RegExp]> = [
    [
      'a key id without its secret',
      { env: { AWS_ACCESS_KEY_ID: KEYS.AWS_ACCESS_KEY_ID } },
      /AWS_SECRET_ACCESS_KEY is not.*set both/,
    ],
    [
      'a secret without its key id',
      { env: { AWS_SECRET_ACCESS_KEY: KEYS.AWS_SECRET_ACCESS_KEY } },
      /AWS_ACCESS_KEY_ID is not/,
    ],
    ['credentials without a region', { env: { ...KEYS } }, /needs AWS_REGION.*set AWS_REGION/],
    [
      'a Honeycomb key without AWS',
      { env: { HONEYCOMB_API_KEY: 'hcaik_fake' } },
      /HONEYCOMB_API_KEY is set but no AWS credentials.*--mode local/,
    ],
    [
      '--mode cloud without credentials',
      { env: { AWS_REGION: 'us-east-1' }, flags: { mode: 'cloud' } },
      /cloud mode needs AWS credentials/,
    ],
    [
      'an unknown mode',
      { env: {}, flags: { mode: 'hybrid' } },
      /--mode hybrid is not a mode.*--mode local or --mode cloud/,
    ],
    ['a region typo', { env: { ...KEYS, AWS_REGION: 'us-east1' } }, /AWS_REGION="us-east1" is not valid/],
    [
      'two regions that disagree',
      { env: { ...KEYS, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'ca-central-1' } },
      /disagree.*unset one of them/,
    ],
    [
      'a bad Honeycomb endpoint',
      { env: { HONEYCOMB_API_KEY: 'k', HONEYCOMB_API_ENDPOINT: 'api.honeycomb.io' }, flags: { mode: 'local' } },
      /HONEYCOMB_API_ENDPOINT="api.honeycomb.io" is not valid/,
    ],
    [
      'an inspector port out of range',
      { env: { CRUDDUR_INSPECTOR_HTTP_PORT: '70000' } },
      /CRUDDUR_INSPECTOR_HTTP_PORT="70000"/,
    ],
  ];
  for (const [name, inputs, message] of rows) {
    test(name, () => {
      assert.throws(
        () => parseToolkitConfig(inputs),
        (err: unknown) => err instanceof ToolkitError && message.test(`${err.problem} — ${err.fix}`),
      );
    });
  }
});

describe('parseToolkitConfig precedence: flag > process env > .env > default', () => {
  const rows: Array<[string, ConfigInputs, string]> = [
    ['default', { env: {} }, 'http://127.0.0.1:4567'],
    ['.env over default', { env: {}, dotenv: { BACKEND_URL: 'http://from-dotenv:1' } }, 'http://from-dotenv:1'],
    [
      'env over .env',
      { env: { BACKEND_URL: 'http://from-env:2' }, dotenv: { BACKEND_URL: 'http://from-dotenv:1' } },
      'http://from-env:2',
    ],
    [
      'flag over env',
      { env: { BACKEND_URL: 'http://from-env:2' }, flags: { backendUrl: 'http://from-flag:3' } },
      'http://from-flag:3',
    ],
    [
      "remembered by the running stack's setup, over default",
      { env: {}, remembered: { BACKEND_URL: 'http://remembered:4' } },
      'http://remembered:4',
    ],
    [
      '.env over remembered',
      { env: {}, dotenv: { BACKEND_URL: 'http://from-dotenv:1' }, remembered: { BACKEND_URL: 'http://remembered:4' } },
      'http://from-dotenv:1',
    ],
    [
      'a blank env value does not hide .env',
      { env: { BACKEND_URL: '  ' }, dotenv: { BACKEND_URL: 'http://from-dotenv:1' } },
      'http://from-dotenv:1',
    ],
  ];
  for (const [name, inputs, backendUrl] of rows) {
    test(name, () => assert.equal(parseToolkitConfig(inputs).backendUrl, backendUrl));
  }
});

describe('parseToolkitConfig reads each destination', () => {
  test('Honeycomb defaults to the US endpoint; EU is honoured', () => {
    const env = { ...KEYS, AWS_REGION: 'eu-west-1', HONEYCOMB_API_KEY: 'hcaik_fake' };
    assert.equal(parseToolkitConfig({ env }).honeycomb?.endpoint, 'https://api.honeycomb.io');
    assert.equal(
      parseToolkitConfig({ env: { ...env, HONEYCOMB_API_ENDPOINT: 'https://api.eu1.honeycomb.io/' } }).honeycomb
        ?.endpoint,
      'https://api.eu1.honeycomb.io',
    );
  });
  test('Rollbar is off without a token and has its documented defaults with one', () => {
    assert.equal(parseToolkitConfig({ env: {} }).rollbar, undefined);
    const rollbar = parseToolkitConfig({
      env: { ...KEYS, AWS_REGION: 'us-east-1', ROLLBAR_ACCESS_TOKEN: 'fake-token' },
    }).rollbar;
    assert.deepEqual(rollbar, {
      token: 'fake-token',
      environment: 'development',
      endpoint: 'https://api.rollbar.com/api/1/item/',
    });
  });
  test("service.name: OTEL_SERVICE_NAME, else the seed's HONEYCOMB_SERVICE_NAME, else backend-flask", () => {
    assert.equal(parseToolkitConfig({ env: {} }).serviceName, 'backend-flask');
    assert.equal(parseToolkitConfig({ env: { HONEYCOMB_SERVICE_NAME: 'Cruddur' } }).serviceName, 'Cruddur');
    assert.equal(
      parseToolkitConfig({ env: { HONEYCOMB_SERVICE_NAME: 'Cruddur', OTEL_SERVICE_NAME: 'api' } }).serviceName,
      'api',
    );
  });
  test('CRUDDUR_XRAY_PIPELINE: sdk by default, otel when set, anything else refused with the allowed values', () => {
    assert.deepEqual(
      [parseToolkitConfig({ env: {} }).xrayPipeline, parseToolkitConfig({ env: {} }).xrayPipelineExplicit],
      ['sdk', false],
    );
    const otel = parseToolkitConfig({ env: { CRUDDUR_XRAY_PIPELINE: 'otel' } });
    assert.deepEqual([otel.xrayPipeline, otel.xrayPipelineExplicit], ['otel', true]);
    assert.throws(
      () => parseToolkitConfig({ env: { CRUDDUR_XRAY_PIPELINE: 'adot' } }),
      /CRUDDUR_XRAY_PIPELINE="adot" is not valid \(expected sdk or otel\)/,
    );
  });
  test('ROLLBAR_READ_TOKEN and HONEYCOMB_QUERY_KEY are read on their own (the backend holds the sending ones)', () => {
    const config = parseToolkitConfig({
      env: { ROLLBAR_READ_TOKEN: 'EXAMPLEread', HONEYCOMB_QUERY_KEY: 'EXAMPLEquery' },
    });
    assert.deepEqual([config.rollbarReadToken, config.honeycombQueryKey], ['EXAMPLEread', 'EXAMPLEquery']);
  });
  test('AWS_DEFAULT_REGION is accepted alone', () => {
    assert.equal(
      parseToolkitConfig({ env: { ...KEYS, AWS_DEFAULT_REGION: 'ap-southeast-2' } }).aws.region,
      'ap-southeast-2',
    );
  });
  test('the config is frozen', () => {
    assert.ok(Object.isFrozen(parseToolkitConfig({ env: {} })));
  });
});

describe('parseToolkitConfig holds what the steps hand on, so they need nothing beside it', () => {
  test('the environment for child processes: process env over .env, blanks dropped, frozen', () => {
    const config = parseToolkitConfig({ env: { A: 'env', B: ' ' }, dotenv: { A: 'dotenv', B: 'dotenv', C: 'dotenv' } });
    assert.deepEqual(config.env, { A: 'env', B: 'dotenv', C: 'dotenv' });
    assert.ok(Object.isFrozen(config.env));
  });
  test('AWS keys given as variables (env or .env) are kept for the SDK; a profile leaves them to its chain', () => {
    assert.deepEqual(
      parseToolkitConfig({ env: {}, dotenv: { ...KEYS, AWS_SESSION_TOKEN: 'EXAMPLEtoken', AWS_REGION: 'us-east-1' } })
        .aws.keys,
      {
        accessKeyId: KEYS.AWS_ACCESS_KEY_ID,
        secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY,
        sessionToken: 'EXAMPLEtoken',
      },
    );
    assert.equal(parseToolkitConfig({ env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1' } }).aws.keys, undefined);
  });
  test('AWS_XRAY_URL is the X-Ray naming pattern', () => {
    assert.equal(
      parseToolkitConfig({ env: { AWS_XRAY_URL: '*4567-x.gitpod.io*' } }).xrayUrlPattern,
      '*4567-x.gitpod.io*',
    );
  });
  test('the project root, and the state folder resolved inside it unless absolute', () => {
    const config = parseToolkitConfig({ env: {}, root: '/work/project' });
    assert.deepEqual([config.root, config.stateDir], ['/work/project', '/work/project/.cruddur']);
    assert.equal(
      parseToolkitConfig({ env: { CRUDDUR_STATE_DIR: '/tmp/state' }, root: '/work/project' }).stateDir,
      '/tmp/state',
    );
  });
});
