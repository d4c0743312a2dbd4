import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  createRecordingExecutables,
  type RecordingExecutables,
} from '../../test-support/fakes/recording-executable.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

const CLOUD = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
};

describe('npm run up / down in cloud mode, against a recording docker', () => {
  let bin: RecordingExecutables;
  let root: string;
  before(() => (bin = createRecordingExecutables()));
  after(() => bin.remove());
  beforeEach(() => {
    root = createProjectRoot();
    bin.setDocker({ engine: true, compose: true, backendHealth: 'healthy' });
  });
  const run = (task: string, env: Record<string, string> = CLOUD) =>
    runTaskProcess(task, [], { root, env: { ...env, PATH: bin.path } });
  const composeCalls = () => bin.calls().filter((c) => c.argv[0] === 'compose' && c.argv.includes('--profile'));

  test('up builds and starts the cloud profile, waits until healthy, prints where things are', async () => {
    const { code, stdout } = await run('up');
    assert.equal(code, 0, stdout);
    assert.deepEqual(composeCalls()[0]?.argv.slice(-5), ['--profile', 'cloud', 'up', '--detach', '--build']);
    assert.match(stdout, /✔ backend-flask-ts is healthy and xray-daemon is running/);
    assert.match(stdout, /backend +http:\/\/localhost:4567/);
    assert.match(stdout, /next +npm run verify-traces/);
  });

  test('down stops the compose stack', async () => {
    await run('up');
    const { code, stdout } = await run('down');
    assert.equal(code, 0);
    assert.deepEqual(composeCalls().at(-1)?.argv.slice(-3), ['cloud', 'down', '--remove-orphans']);
    assert.match(stdout, /✔ the compose stack is stopped/);
  });

  test('without a Docker engine: one line that names local mode', async () => {
    bin.setDocker({ engine: false });
    const { code, stdout, stderr } = await run('up');
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      '✖ no Docker engine is running (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?) — fix: start Docker (or install it), or run without Docker: npm run setup -- --mode local\n',
    );
  });

  test('without the compose plugin: says which package', async () => {
    bin.setDocker({ compose: false });
    const { code, stderr } = await run('up');
    assert.equal(code, 1);
    assert.match(
      stderr,
      /Docker Compose v2 plugin is missing .* — fix: install the docker-compose-plugin package .*--mode local/,
    );
  });

  test('an unhealthy backend stops the wait and names the logs to read', async () => {
    bin.setDocker({ backendHealth: 'unhealthy' });
    const { code, stderr } = await run('up');
    assert.equal(code, 1);
    assert.match(
      stderr,
      /✖ backend-flask-ts is unhealthy \(its healthcheck fails\) — fix: see why: docker compose logs backend-flask-ts/,
    );
  });

  test('credentials from a profile reach compose as env vars for the daemon (it cannot read ~/.aws)', async () => {
    const aws = join(root, 'home', '.aws');
    mkdirSync(aws);
    writeFileSync(
      join(aws, 'credentials'),
      `[dev]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = profile/secret/value/000000000000000001\n`,
    );
    const env = { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials') };
    const { code, output } = await run('up', env);
    assert.equal(code, 0, output);
    const up = composeCalls().find((c) => c.argv.includes('up'));
    assert.ok(
      up?.envNames.includes('AWS_ACCESS_KEY_ID') && up.envNames.includes('AWS_SECRET_ACCESS_KEY'),
      String(up?.envNames),
    );
  });
});
