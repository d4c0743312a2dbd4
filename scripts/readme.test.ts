/**
 * Issue 13.10: the README's path for real accounts, run as it is written — each command of its
 * block, in order, in a fresh project root — against this machine's stand-ins for the accounts
 * (moto_server, the Honeycomb and Rollbar fakes, a recording `docker`). Its sample of what
 * verify-traces prints is checked against the code that prints it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '@cruddur/trace-contract';
import { FAKE_SECRETS, startCloudFakes, type CloudFakes } from '../test-support/cloud-fakes.js';
import { createRunnableRoot, runNpm, type TaskRun } from '../test-support/task-process.js';
import { renderDotenv } from './lib/env-file.js';
import { logFile } from './lib/stack/local/processes.js';
import { formatTable } from './lib/verify/report.js';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

/** The fenced block that follows `marker` in the README, as lines. */
function blockAfter(marker: string): string[] {
  const from = README.indexOf(marker);
  assert.ok(from >= 0, `README has "${marker}"`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(from));
  assert.ok(block, `a code block follows "${marker}"`);
  return block[1]!.trimEnd().split('\n');
}

describe('README: the path for real accounts, command by command', () => {
  const commands = blockAfter('The path, from a fresh clone:').map((line) => line.replace(/\s+#.*$/, '').trim());
  const root = createRunnableRoot();
  let fakes: CloudFakes;
  /** Only what is not a key: the emulators' endpoints and the recording docker. The keys go in .env. */
  let env: Record<string, string>;
  const ran = new Map<string, TaskRun>();
  before(async () => {
    fakes = await startCloudFakes();
    const { AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, HONEYCOMB_API_ENDPOINT, ROLLBAR_ENDPOINT, PATH } = fakes.env;
    env = {
      AWS_ENDPOINT_URL: AWS_ENDPOINT_URL!,
      AWS_ENDPOINT_URL_XRAY: AWS_ENDPOINT_URL_XRAY!,
      HONEYCOMB_API_ENDPOINT: HONEYCOMB_API_ENDPOINT!,
      ROLLBAR_ENDPOINT: ROLLBAR_ENDPOINT!,
      PATH: PATH!,
    };
  });
  after(async () => {
    await fakes.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('is install -m 600 .env.example .env, check-credentials, setup, verify-traces', () => {
    assert.deepEqual(commands, [
      'install -m 600 .env.example .env',
      'npm run check-credentials',
      'npm run setup',
      'npm run verify-traces',
    ]);
  });

  test('install -m 600 .env.example .env (only its owner may read it), then the keys filled in as the table says', () => {
    assert.equal(spawnSync('sh', ['-c', commands[0]!], { cwd: root }).status, 0);
    const keys = {
      AWS_ACCESS_KEY_ID: fakes.env.AWS_ACCESS_KEY_ID!,
      AWS_SECRET_ACCESS_KEY: FAKE_SECRETS.AWS_SECRET_ACCESS_KEY,
      AWS_REGION: fakes.env.AWS_REGION!,
      HONEYCOMB_API_KEY: FAKE_SECRETS.HONEYCOMB_API_KEY,
      ROLLBAR_ACCESS_TOKEN: FAKE_SECRETS.ROLLBAR_ACCESS_TOKEN,
    };
    for (const name of Object.keys(keys)) assert.ok(README.includes(`\`${name}\``), `the accounts table names ${name}`);
    const path = join(root, '.env');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    writeFileSync(path, renderDotenv(readFileSync(path, 'utf8'), keys));
  });

  test('npm run check-credentials: one ✔ line per service, the keys named as coming from .env', async () => {
    const run = await runNpm(['check-credentials'], { root, env });
    ran.set('check-credentials', run);
    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, /^✔ AWS: account \d+, .*\(credentials: \.env\)$/m);
    assert.match(run.stdout, /^✔ Honeycomb: /m);
    assert.match(run.stdout, /^✔ Rollbar: /m);
    assert.doesNotMatch(run.output, /readable by other users/);
  });

  test('npm run setup: cloud mode from .env, up and healthy, next step named', async () => {
    const run = await runNpm(['setup'], { root, env });
    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, /^Mode: cloud \(AWS credentials found \(\.env\)\)$/m);
    assert.match(run.stdout, /^✔ Cruddur is up in cloud mode \(region us-east-1\)$/m);
    assert.match(run.stdout, /next +npm run verify-traces/);
  });

  test('npm run verify-traces: the README shows its cloud-mode table as the code prints it, and says it triggers a 500', () => {
    const sample = blockAfter('shows the level per destination:');
    const [, traceId, otelTraceId, mode] = /^trace (\S+) \(OpenTelemetry (\S+)\), (\S+) mode$/.exec(sample[0]!) ?? [];
    assert.ok(traceId && otelTraceId && mode === 'cloud', sample[0]);
    const header = formatTable({ traceId, otelTraceId, mode: 'cloud', destinations: [] }).split('\n');
    assert.equal(sample[0], header[0]);
    assert.deepEqual(
      sample.slice(3).map((line) => line.trim().split(/\s+/)[0]),
      ['xray', 'honeycomb', 'rollbar'],
    );
    assert.ok(README.includes('[Verifying traces](#verifying-traces)'));
    assert.match(README, /one of them is `GET \/rollbar\/error`, a\ndeliberate \*\*500\*\*/);
  });
});

test('README: troubleshooting names the logs and the ports the code uses', () => {
  const section = README.slice(README.indexOf('## Troubleshooting'), README.indexOf('## Tests'));
  for (const name of ['backend', 'inspector'])
    assert.ok(section.includes(logFile(DEFAULTS.stateDir, name)), `${name} log`);
  for (const port of [4567, DEFAULTS.inspectorXrayPort, DEFAULTS.inspectorHttpPort])
    assert.ok(section.includes(String(port)), `port ${port}`);
  assert.ok(section.includes('npm run down && npm run setup'), 'how to pick up code changes');
});
