import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeyValueList, serviceNameFromEnv } from './defaults.js';

test('the service name: OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then HONEYCOMB_SERVICE_NAME, then the default', () => {
  const rows: Array<[Record<string, string>, string]> = [
    [{}, 'backend-flask'],
    [{ HONEYCOMB_SERVICE_NAME: 'Cruddur' }, 'Cruddur'],
    [
      {
        HONEYCOMB_SERVICE_NAME: 'Cruddur',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=dev,service.name=cruddur-api',
      },
      'cruddur-api',
    ],
    [{ OTEL_SERVICE_NAME: 'api', OTEL_RESOURCE_ATTRIBUTES: 'service.name=cruddur-api' }, 'api'],
    [{ OTEL_SERVICE_NAME: '  ' }, 'backend-flask'],
  ];
  for (const [env, name] of rows) assert.equal(serviceNameFromEnv(env), name, JSON.stringify(env));
});

test('k=v lists decode their values and skip what is malformed', () => {
  assert.deepEqual(parseKeyValueList('a=1, b = x%20y ,c,=d,e=%E0%A4%A'), { a: '1', b: 'x y' });
  assert.deepEqual(parseKeyValueList(undefined), {});
});
