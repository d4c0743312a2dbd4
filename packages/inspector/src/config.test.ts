import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInspectorConfig } from './config.js';

describe('parseInspectorConfig: flag > environment > contract default', () => {
  const rows: Array<
    [string, string[], Record<string, string>, { host: string; xrayPort: number; httpPort: number; stateDir: string }]
  > = [
    [
      'nothing set: the contract defaults',
      [],
      {},
      { host: '127.0.0.1', xrayPort: 2000, httpPort: 4318, stateDir: '/repo/.cruddur' },
    ],
    [
      'the variables',
      [],
      { CRUDDUR_INSPECTOR_XRAY_PORT: '2100', CRUDDUR_INSPECTOR_HTTP_PORT: '4400', CRUDDUR_STATE_DIR: '/data' },
      { host: '127.0.0.1', xrayPort: 2100, httpPort: 4400, stateDir: '/data' },
    ],
    [
      'flags over variables',
      ['--host', '0.0.0.0', '--xray-port', '2200', '--http-port', '4500', '--state-dir', 'state'],
      { CRUDDUR_INSPECTOR_XRAY_PORT: '2100', CRUDDUR_STATE_DIR: '/data' },
      { host: '0.0.0.0', xrayPort: 2200, httpPort: 4500, stateDir: '/repo/state' },
    ],
    [
      'an empty variable is unset',
      [],
      { CRUDDUR_INSPECTOR_HTTP_PORT: ' ' },
      { host: '127.0.0.1', xrayPort: 2000, httpPort: 4318, stateDir: '/repo/.cruddur' },
    ],
  ];
  for (const [name, argv, env, expected] of rows) {
    test(name, () => {
      const { host, xrayPort, httpPort, stateDir } = parseInspectorConfig(argv, env, '/repo');
      assert.deepEqual({ host, xrayPort, httpPort, stateDir }, expected);
    });
  }

  const refused: Array<[string[], Record<string, string>, RegExp]> = [
    [
      [],
      { CRUDDUR_INSPECTOR_HTTP_PORT: '70000' },
      /--http-port \/ CRUDDUR_INSPECTOR_HTTP_PORT is "70000", not a port — give a port from 1 to 65535/,
    ],
    [['--xray-port', 'udp'], {}, /--xray-port \/ CRUDDUR_INSPECTOR_XRAY_PORT is "udp", not a port/],
    [['--colour'], {}, /Unknown option '--colour'.* — usage: inspector \[--host HOST\]/],
  ];
  for (const [argv, env, message] of refused) {
    test(`refuses ${JSON.stringify([...argv, ...Object.values(env)])} with the fix`, () =>
      assert.throws(
        () => parseInspectorConfig(argv, env, '/repo'),
        (err: Error) => message.test(err.message),
      ));
  }
});

test('only --allow-remote-clear lets other machines clear the traces', () => {
  assert.equal(parseInspectorConfig([], {}, '/repo').remoteClear, false);
  assert.equal(parseInspectorConfig(['--allow-remote-clear'], {}, '/repo').remoteClear, true);
});

describe('the cloud settings behind the page links', () => {
  test('none without cloud variables', () => {
    assert.deepEqual(parseInspectorConfig([], {}, '/repo').cloud, {
      awsRegion: undefined,
      rollbar: false,
      honeycomb: undefined,
    });
  });
  test('a region, a Rollbar token and a Honeycomb key, with the dataset the backend sends to', () => {
    const env = {
      AWS_REGION: 'eu-west-1',
      ROLLBAR_ACCESS_TOKEN: 'f00dfacef00dfacef00dfacef00d7e57',
      HONEYCOMB_API_KEY: 'hcaik_EXAMPLE',
      OTEL_SERVICE_NAME: 'cruddur',
    };
    assert.deepEqual(parseInspectorConfig([], env, '/repo').cloud, {
      awsRegion: 'eu-west-1',
      rollbar: true,
      honeycomb: { apiKey: 'hcaik_EXAMPLE', endpoint: 'https://api.honeycomb.io', dataset: 'cruddur' },
    });
  });
});
