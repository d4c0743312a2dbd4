import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ToolkitError } from '../errors.js';
import { loadToolkitConfig, type ConfigReporter } from './load.js';

/** A project root holding `.env` with `text` at `mode`; the process env is empty, so only `.env` speaks. */
function project(text: string | undefined, mode = 0o600): string {
  const root = mkdtempSync(join(tmpdir(), 'config-load-'));
  if (text !== undefined) {
    writeFileSync(join(root, '.env'), text);
    chmodSync(join(root, '.env'), mode);
  }
  return root;
}

function recorder(): ConfigReporter & { warnings: string[]; secrets: string[] } {
  const warnings: string[] = [];
  const secrets: string[] = [];
  return { warnings, secrets, warn: (line) => warnings.push(line), maskAlso: (more) => secrets.push(...more) };
}

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

describe('loadToolkitConfig reads .env once, strictly', () => {
  test('no .env: the defaults, the root as given, no warning', () => {
    const root = project(undefined);
    const reporter = recorder();
    const config = loadToolkitConfig({ env, root, reporter });
    assert.deepEqual([config.mode, config.root, config.stateDir], ['local', root, join(root, '.cruddur')]);
    assert.deepEqual(reporter.warnings, []);
  });
  test('the secrets of .env are handed to the log before anything can print them', () => {
    const reporter = recorder();
    loadToolkitConfig({
      env,
      root: project('ROLLBAR_READ_TOKEN=EXAMPLEreadtoken0000\nAWS_REGION=us-east-1\n'),
      reporter,
    });
    assert.deepEqual(reporter.secrets, ['EXAMPLEreadtoken0000']);
  });
  test('a malformed line is a ToolkitError naming .env, the line and the fix', () => {
    assert.throws(
      () => loadToolkitConfig({ env, root: project('AWS_REGION=us-east-1\nBACKEND_URL http://127.0.0.1:4567\n') }),
      (err: unknown) =>
        err instanceof ToolkitError &&
        err.problem === '.env line 2: "BACKEND_URL …4567" is not NAME=value' &&
        /write it as NAME=value/.test(err.fix),
    );
  });
  for (const [mode, warned] of [
    [0o600, false],
    [0o400, false],
    [0o640, true],
    [0o644, true],
    [0o604, true],
  ] as const) {
    test(`mode ${mode.toString(8).padStart(4, '0')}: ${warned ? 'one warning with the fix' : 'no warning'}`, () => {
      const reporter = recorder();
      loadToolkitConfig({ env, root: project('A=1\n', mode), reporter });
      assert.deepEqual(
        reporter.warnings,
        warned
          ? [`.env is readable by other users (mode ${mode.toString(8).padStart(4, '0')}) — fix: chmod 600 .env`]
          : [],
      );
    });
  }
});
