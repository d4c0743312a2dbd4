import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from './errors.js';
import { parseRunnerArgs } from './options.js';

const DEFAULTS = { help: false, list: false, dryRun: false, jobs: 4, args: [] };

for (const [argv, expected] of [
  [[], {}],
  [['--list'], { list: true }],
  [['build'], { name: 'build' }],
  [['--jobs', '2', '--dry-run', 'build'], { jobs: 2, dryRun: true, name: 'build' }],
  [
    ['--jobs=1', '--config', 'other/tasks.json', '--env-file=.env', 'up'],
    { jobs: 1, config: 'other/tasks.json', envFile: '.env', name: 'up' },
  ],
  [['test', '--jobs', '9', '--', 'x'], { name: 'test', args: ['--jobs', '9', '--', 'x'] }],
  [['--', '--weird-name', 'a'], { name: '--weird-name', args: ['a'] }],
  [['--help'], { help: true }],
] as const) {
  test(`parseRunnerArgs ${JSON.stringify(argv)}: options before NAME, everything after NAME is its ARGS`, () => {
    assert.deepEqual(parseRunnerArgs(argv, 4), { ...DEFAULTS, ...expected });
  });
}

for (const [argv, message] of [
  [['--jobs', '0', 'a'], '--jobs must be a whole number of at least 1, got "0"'],
  [['--jobs', 'many'], '--jobs must be a whole number of at least 1, got "many"'],
  [['--config'], '--config needs a value'],
  [['--dryrun', 'a'], 'unknown option "--dryrun" — did you mean --dry-run?'],
  [['-x'], 'unknown option "-x"'],
] as const) {
  test(`parseRunnerArgs refuses ${JSON.stringify(argv)} as a usage error (exit 2)`, () => {
    assert.throws(
      () => parseRunnerArgs(argv, 4),
      (err: unknown) => err instanceof UsageError && err.exitCode === 2 && err.message.startsWith(message),
    );
  });
}
