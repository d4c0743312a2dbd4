import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureLine } from '../lib/errors.js';
import { parseFailureLine, TaskFailedError } from './errors.js';

test('parseFailureLine reads the cause and fix of a toolkit failure line, with or without its marker', () => {
  assert.deepEqual(parseFailureLine('✖ AWS_REGION is not set — fix: set AWS_REGION'), { problem: 'AWS_REGION is not set', fix: 'set AWS_REGION' });
  assert.deepEqual(parseFailureLine('  no marker — fix: still a failure line '), { problem: 'no marker', fix: 'still a failure line' });
  assert.equal(parseFailureLine('✖ build failed'), undefined);
  assert.equal(parseFailureLine('progress — 3 of 5'), undefined);
});

test('a failed task whose output said why ends the run with that cause and fix', () => {
  const err = new TaskFailedError('setup', 1, undefined, { problem: 'no region', fix: 'set AWS_REGION' });
  assert.equal(failureLine(err), 'task "setup" failed with exit code 1: no region — fix: set AWS_REGION');
  assert.match(failureLine(new TaskFailedError('setup', 1)), /fix: read its output above/);
});
