import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailure, formatDuration, formatOutcome } from './format.js';

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

test('formatOutcome says how a task that did not fail ended, in one line', () => {
  assert.equal(formatOutcome('build', { kind: 'ok', ms: 1200 }), 'build done in 1.2s');
  assert.equal(formatOutcome('serve', { kind: 'stopped', ms: 2000 }), 'serve stopped after 2.0s');
});

test("describeFailure names how a task failed, for the run's one failure line", () => {
  assert.equal(describeFailure('test', { kind: 'failed', ms: 30, code: 3 }), 'task "test" failed with exit code 3');
  assert.equal(
    describeFailure('test', { kind: 'failed', ms: 30, code: 137, signal: 'SIGKILL' }),
    'task "test" was killed by SIGKILL',
  );
  assert.equal(
    describeFailure('x', { kind: 'failed', ms: 3, code: 1, error: 'spawn /usr/bin/bash ENOENT' }),
    'task "x" could not start (spawn /usr/bin/bash ENOENT)',
  );
});
