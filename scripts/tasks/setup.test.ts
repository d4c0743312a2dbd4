import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCloudFakes, type CloudFakes } from '../../test-support/cloud-fakes.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

describe('npm run setup in cloud mode', () => {
  let fakes: CloudFakes;
  before(async () => (fakes = await startCloudFakes()));
  after(() => fakes.stop());

  test('runs every step in order, in one process, and ends with what is next', async () => {
    const root = createProjectRoot();
    const { code, stdout, stderr } = await runTaskProcess('setup', [], { root, env: fakes.env });
    assert.equal(code, 0, stderr);
    const steps = [
      /^Mode: cloud \(AWS credentials found \(env\)\)$/m,
      /^✔ AWS: account/m,
      /^✔ Honeycomb:/m,
      /^✔ Rollbar:/m,
      /^✔ group Cruddur: created$/m,
      /^✔ sampling rule Cruddur: created$/m,
      /^› Building and starting backend-flask-ts and xray-daemon/m,
      /^✔ backend-flask-ts is healthy/m,
      /^✔ \.env: saved .*COMPOSE_PROFILES/m,
      /^✔ Cruddur is up in cloud mode \(region us-east-1\)$/m,
      /next +npm run verify-traces/,
    ];
    let from = 0;
    for (const step of steps) {
      const at = stdout.slice(from).search(step);
      assert.ok(at >= 0, `${step} missing after position ${from}:\n${stdout}`);
      from += at;
    }
    assert.equal(statSync(join(root, '.env')).mode & 0o777, 0o600);
  });

  test('a second setup finds the X-Ray resources unchanged', async () => {
    const { code, stdout } = await runTaskProcess('setup', [], { root: createProjectRoot(), env: fakes.env });
    assert.equal(code, 0);
    assert.match(stdout, /✔ group Cruddur: unchanged\n✔ sampling rule Cruddur: unchanged/);
  });

  test('a failing credential stops setup before anything is created or started', async () => {
    const before = fakes.bin.calls().length;
    const { code, stderr, stdout } = await runTaskProcess('setup', [], {
      root: createProjectRoot(),
      env: { ...fakes.env, HONEYCOMB_API_KEY: 'hcaik_01EXAMPLEj0wrongwrongwrongwrongwrongwrongwrongwrongwrong0000' },
    });
    assert.equal(code, 1);
    assert.match(stderr, /Honeycomb credentials failed the check/);
    assert.doesNotMatch(stdout, /\.env: saved|Cruddur: (created|unchanged)/);
    assert.equal(fakes.bin.calls().length, before);
  });

  test('keys that only .env holds are named as coming from .env', async () => {
    const root = createProjectRoot();
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...rest } = fakes.env;
    writeFileSync(
      join(root, '.env'),
      `AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\n`,
      { mode: 0o600 },
    );
    const { code, stdout, stderr } = await runTaskProcess('setup', [], { root, env: rest });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Mode: cloud \(AWS credentials found \(\.env\)\)$/m);
    assert.match(stdout, /^✔ AWS: .*\(credentials: \.env\)$/m);
  });

  test('a failed cloud attempt writes no .env: no Docker engine, found before anything is created', async () => {
    const root = createProjectRoot();
    fakes.bin.setDocker({ engine: false });
    try {
      const { code, stdout, stderr } = await runTaskProcess('setup', [], { root, env: fakes.env });
      assert.equal(code, 1);
      assert.match(stderr, /no Docker engine is running .* — fix: .*--mode local\n$/);
      assert.doesNotMatch(stdout, /Cruddur: (created|unchanged)/, 'checks come before the X-Ray resources');
      assert.equal(existsSync(join(root, '.env')), false);
    } finally {
      fakes.bin.setDocker({ engine: true });
    }
  });

  test('an emulator without the X-Ray groups API: the answer is named as unexpected, with the endpoint to check, and no .env', async () => {
    const root = createProjectRoot();
    const { code, stderr } = await runTaskProcess('setup', [], {
      root,
      env: { ...fakes.env, AWS_ENDPOINT_URL_XRAY: fakes.moto.endpoint },
    });
    assert.equal(code, 1);
    const last = stderr.trimEnd().split('\n').at(-1)!;
    assert.match(
      last,
      new RegExp(
        `^✖ ${fakes.moto.endpoint} answered X-Ray GetGroups? with something that is not an AWS answer \\(HTTP 404, .*\\) — fix: check that AWS_ENDPOINT_URL_XRAY=${fakes.moto.endpoint} serves X-Ray and implements GetGroups?`,
      ),
    );
    assert.doesNotMatch(stderr, /DEBUG=1|region/);
    assert.equal(existsSync(join(root, '.env')), false);
  });

  test('--mode reaches setup and a wrong value is named', async () => {
    const { code, stderr } = await runTaskProcess('setup', ['--mode', 'hybrid'], {
      root: createProjectRoot(),
      env: fakes.env,
    });
    assert.equal(code, 1);
    assert.equal(stderr, '✖ --mode hybrid is not a mode — fix: use --mode local or --mode cloud\n');
  });

  test('a malformed .env line stops setup with its line and fix, before anything is created, without the key', async () => {
    const root = createProjectRoot();
    const key = fakes.env.HONEYCOMB_API_KEY!;
    const text = `AWS_REGION=us-east-1\n\nHONEYCOMB_API_KEY ${key}\n`;
    writeFileSync(join(root, '.env'), text, { mode: 0o600 });
    const before = fakes.bin.calls().length;
    const { code, stdout, stderr, output } = await runTaskProcess('setup', [], { root, env: fakes.env });
    assert.equal(code, 1);
    assert.equal(
      stderr,
      '✖ .env line 3: "HONEYCOMB_API_KEY hcaik_…7f3a" is not NAME=value — fix: write it as NAME=value (quote values with spaces), or remove the line\n',
    );
    assert.equal(stdout, '', 'nothing ran: not even the mode was chosen');
    assert.ok(!output.includes(key), 'the key is never printed');
    assert.equal(fakes.bin.calls().length, before, 'no docker call');
    assert.equal(readFileSync(join(root, '.env'), 'utf8'), text, '.env is left as it was');
    assert.equal(existsSync(join(root, '.cruddur')), false);
  });

  test('a .env other users may read gets one warning with the fix, and the run goes on', async () => {
    const root = createProjectRoot();
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...rest } = fakes.env;
    writeFileSync(
      join(root, '.env'),
      `AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\n`,
    );
    chmodSync(join(root, '.env'), 0o644);
    const { code, stdout, stderr } = await runTaskProcess('setup', [], { root, env: rest });
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      stderr.split('\n').filter((line) => line.includes('.env')),
      ['! .env is readable by other users (mode 0644) — fix: chmod 600 .env'],
    );
    assert.match(stdout, /^✔ Cruddur is up in cloud mode/m);
    assert.equal(statSync(join(root, '.env')).mode & 0o777, 0o600, 'load-env rewrites it private');
  });

  test('half a cloud configuration is an error, never a silent fallback', async () => {
    const { code, stderr } = await runTaskProcess('setup', [], {
      root: createProjectRoot(),
      env: { HONEYCOMB_API_KEY: fakes.env.HONEYCOMB_API_KEY! },
    });
    assert.equal(code, 1);
    assert.match(stderr, /HONEYCOMB_API_KEY is set but no AWS credentials are configured.*--mode local/);
  });
});
