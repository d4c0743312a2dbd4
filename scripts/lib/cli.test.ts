import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../runner/testing.js';
import { takeTaskReportPath, TASK_REPORT_VARIABLE } from './task-report.js';

/** A real script ending in runCli with a ToolkitError (the runner's golden files use it too). */
const FAILING_SCRIPT = fileURLToPath(new URL('../runner/testdata/toolkit-failure.ts', import.meta.url));

function runScript(env: NodeJS.ProcessEnv) {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', 'tsx', FAILING_SCRIPT], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

test('run directly, a failing script ends with its one cause-and-fix line', () => {
  const { status, stderr } = runScript({});
  assert.equal(status, 1);
  assert.equal(stderr, '✖ the region is not set — fix: set AWS_REGION\n');
});

test('under the runner, it writes the cause, fix and exit code to its report file and prints no failure line', (t) => {
  const report = join(tempDir(t), 'deploy.json');
  const { status, stdout, stderr } = runScript({ [TASK_REPORT_VARIABLE]: report });
  assert.equal(status, 1);
  assert.equal(stdout, 'checking the region…\n');
  assert.equal(stderr, '');
  assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')), {
    cause: 'the region is not set',
    fix: 'set AWS_REGION',
    exitCode: 1,
  });
});

test('a report file that cannot be written falls back to the failure line', (t) => {
  const { status, stderr } = runScript({ [TASK_REPORT_VARIABLE]: join(tempDir(t), 'missing-dir', 'deploy.json') });
  assert.equal(status, 1);
  assert.equal(stderr, '✖ the region is not set — fix: set AWS_REGION\n');
});

test('the report path is taken out of the environment, so what a task starts (the inspector, a nested runner) prints its own failures', () => {
  const env: NodeJS.ProcessEnv = { [TASK_REPORT_VARIABLE]: '/tmp/reports/1.json', OTHER: 'kept' };
  assert.equal(takeTaskReportPath(env), '/tmp/reports/1.json');
  assert.deepEqual(env, { OTHER: 'kept' });
});
