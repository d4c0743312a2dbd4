import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatOutcome } from './format.js';

for (const [ms, text] of [
  [0, '0ms'],
  [12.4, '12ms'],
  [999, '999ms'],
  [1000, '1.0s'],
  [4230, '4.2s'],
  [59_949, '59.9s'],
  [60_000, '1m00s'],
  [187_000, '3m07s'],
] as const) {
  test(`formatDuration(${ms}) is ${text}`, () => assert.equal(formatDuration(ms), text));
}

test('formatOutcome says how each task ended in one line', () => {
  assert.equal(formatOutcome('build', { kind: 'ok', ms: 1200 }), 'build done in 1.2s');
  assert.equal(formatOutcome('test', { kind: 'failed', ms: 30, code: 3 }), 'test failed with exit code 3 after 30ms');
  assert.equal(formatOutcome('test', { kind: 'failed', ms: 30, code: 137, signal: 'SIGKILL' }), 'test killed by SIGKILL after 30ms');
  assert.equal(formatOutcome('x', { kind: 'failed', ms: 3, code: 1, error: 'spawn /usr/bin/bash ENOENT' }), 'x could not start (spawn /usr/bin/bash ENOENT) after 3ms');
  assert.equal(formatOutcome('serve', { kind: 'stopped', ms: 2000 }), 'serve stopped after 2.0s');
});
