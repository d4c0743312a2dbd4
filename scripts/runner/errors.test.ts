import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureLine } from '../lib/errors.js';
import { TaskFailedError } from './errors.js';

test('a failed task that reported why ends the run with that cause and fix', () => {
  const err = new TaskFailedError(
    'setup',
    { kind: 'failed', ms: 1, code: 1 },
    { problem: 'no region', fix: 'set AWS_REGION' },
  );
  assert.equal(failureLine(err), 'task "setup" failed with exit code 1: no region — fix: set AWS_REGION');
  assert.equal(err.exitCode, 1);
});

test('a failed task without a report points at its output and the command that reruns it', () => {
  const err = new TaskFailedError('build-backend', { kind: 'failed', ms: 1, code: 2 });
  assert.equal(
    failureLine(err),
    'task "build-backend" failed with exit code 2 — fix: read its output above, fix the cause, then rerun: npm run task -- build-backend',
  );
  assert.equal(err.exitCode, 2);
});
