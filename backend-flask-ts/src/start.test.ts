import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { BACKEND_DIR, BACKEND_ENTRY } from '../../test-support/backend-process.js';
import { TEST_DEADLINE_MS } from '../../test-support/deadline.js';

test('the entry point answers --help with the variables it reads, and exits without starting a server', () => {
  // A server would keep running: execFileSync would then fail at the deadline instead of returning.
  const out = execFileSync(process.execPath, ['--import', 'tsx', BACKEND_ENTRY, '--help'], {
    cwd: BACKEND_DIR,
    env: { ...process.env, PORT: '0' },
    encoding: 'utf8',
    timeout: TEST_DEADLINE_MS,
  });
  assert.match(out, /^Usage: node <backend dir>/m);
  for (const name of [
    'PORT',
    'HONEYCOMB_API_KEY',
    'AWS_XRAY_DAEMON_ADDRESS',
    'ROLLBAR_ACCESS_TOKEN',
    'CRUDDUR_DIAGNOSTICS',
  ])
    assert.match(out, new RegExp(`^  ${name}\\b`, 'm'));
  assert.doesNotMatch(out, /listening on|\[telemetry\]/);
});
