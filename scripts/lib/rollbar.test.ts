import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from '../../test-support/free-port.js';
import { checkRollbarTokenShape, pingRollbar, rollbarPingUrl } from './rollbar.js';

test('the ping sits beside the item endpoint', () => {
  assert.equal(rollbarPingUrl('https://api.rollbar.com/api/1/item/'), 'https://api.rollbar.com/api/1/status/ping');
  assert.equal(rollbarPingUrl('http://127.0.0.1:4318/api/1/item'), 'http://127.0.0.1:4318/api/1/status/ping');
});

test('a token of 32 hex characters passes the shape check; others are named masked', () => {
  checkRollbarTokenShape('0123456789abcdef0123456789ABCDEF');
  assert.throws(
    () => checkRollbarTokenShape('post_server_item_token_copied_wrong'),
    /ROLLBAR_ACCESS_TOKEN post_…rong does not look like/,
  );
});

test('an unreachable Rollbar names the network', async () => {
  await assert.rejects(
    pingRollbar(`http://127.0.0.1:${await freePort()}/api/1/item/`),
    /cannot reach Rollbar at http:\/\/127\.0\.0\.1:\d+ for the status ping \(.*ECONNREFUSED.*\) — check your network/,
  );
});
