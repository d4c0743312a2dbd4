import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
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
      /^✔ \.env: saved/m,
      /^✔ group Cruddur: created$/m,
      /^✔ sampling rule Cruddur: created$/m,
      /^› Building and starting backend-flask-ts and xray-daemon/m,
      /^✔ backend-flask-ts is healthy/m,
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
    const { code, stderr, stdout } = await runTaskProcess('setup', [], { root: createProjectRoot(), env: { ...fakes.env, HONEYCOMB_API_KEY: 'hcaik_01EXAMPLEj0wrongwrongwrongwrongwrongwrongwrongwrongwrong0000' } });
    assert.equal(code, 1);
    assert.match(stderr, /Honeycomb credentials failed the check/);
    assert.doesNotMatch(stdout, /\.env: saved|Cruddur: (created|unchanged)/);
    assert.equal(fakes.bin.calls().length, before);
  });

  test('--mode reaches setup and a wrong value is named', async () => {
    const { code, stderr } = await runTaskProcess('setup', ['--mode', 'hybrid'], { root: createProjectRoot(), env: fakes.env });
    assert.equal(code, 1);
    assert.equal(stderr, '✖ --mode hybrid is not a mode — fix: use --mode local or --mode cloud\n');
  });

  test('half a cloud configuration is an error, never a silent fallback', async () => {
    const { code, stderr } = await runTaskProcess('setup', [], { root: createProjectRoot(), env: { HONEYCOMB_API_KEY: fakes.env.HONEYCOMB_API_KEY! } });
    assert.equal(code, 1);
    assert.match(stderr, /HONEYCOMB_API_KEY is set but no AWS credentials are configured.*--mode local/);
  });
});
