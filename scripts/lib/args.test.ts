import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpRequest, parseTaskArgs, type TaskOptions } from './args.js';
import { failureLine } from './errors.js';

const OPTIONS = {
  mode: { type: 'string', value: 'local|cloud', description: 'force a mode' },
  json: { type: 'boolean', description: 'one JSON object' },
} as const satisfies TaskOptions;

test('flags are parsed by their table', () => {
  assert.deepEqual(
    { ...parseTaskArgs('setup', ['--mode', 'local', '--json'], OPTIONS) },
    { mode: 'local', json: true },
  );
});

for (const flag of ['--help', '-h']) {
  test(`${flag} asks for the usage, built from the same table, whatever else is on the line`, () => {
    assert.throws(
      () => parseTaskArgs('setup', ['--bogus', flag], OPTIONS),
      (err: unknown) => {
        assert.ok(err instanceof HelpRequest);
        assert.equal(
          err.usage,
          [
            'Usage: npm run setup -- [--mode local|cloud] [--json]',
            '',
            '  --mode local|cloud   force a mode',
            '  --json               one JSON object',
            '  --help               show this text',
          ].join('\n'),
        );
        return true;
      },
    );
  });
}

test('an unknown flag names the allowed ones, --help among them', () => {
  assert.throws(
    () => parseTaskArgs('setup', ['--mdoe', 'local'], OPTIONS),
    (err: unknown) => {
      assert.equal(
        failureLine(err),
        "npm run setup: Unknown option '--mdoe' — fix: use only these options: --mode local|cloud, --json, or --help",
      );
      return true;
    },
  );
});
