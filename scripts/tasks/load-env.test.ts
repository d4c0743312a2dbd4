import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDotenv } from '../lib/config/dotenv.js';
import { FAKE_SECRETS } from '../../test-support/cloud-fakes.js';
import {
  createRecordingExecutables,
  type RecordingExecutables,
} from '../../test-support/fakes/recording-executable.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_DEFAULT_REGION: 'ca-central-1',
  ...FAKE_SECRETS,
  HONEYCOMB_SERVICE_NAME: 'not-in-the-table',
};

describe('npm run load-env', () => {
  let bin: RecordingExecutables;
  before(() => (bin = createRecordingExecutables()));
  after(() => bin.remove());

  test('writes a 0600 .env that dotenv reads back, naming variables but never values', async () => {
    const root = createProjectRoot();
    writeFileSync(join(root, '.env'), '# my notes\nMY_OWN=1\n', { mode: 0o644 });
    const { code, output } = await runTaskProcess('load-env', [], { root, env: ENV });
    assert.equal(code, 0, output);
    const path = join(root, '.env');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const saved = parseDotenv(readFileSync(path, 'utf8'));
    assert.equal(saved.MY_OWN, '1');
    assert.equal(saved.AWS_REGION, 'ca-central-1');
    for (const [name, value] of Object.entries(FAKE_SECRETS)) assert.equal(saved[name], value, name);
    assert.match(
      output,
      /✔ \.env: saved AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, HONEYCOMB_API_KEY, ROLLBAR_ACCESS_TOKEN, COMPOSE_PROFILES \(mode 0600/,
    );
    assert.ok(!output.includes('ca-central-1') && !output.includes('AKIAIOSFODNN7EXAMPLE'), output);
  });

  test('persists the X-Ray pipeline and the Rollbar read token (the variable registry has them)', async () => {
    const root = createProjectRoot();
    const { code, output } = await runTaskProcess('load-env', [], {
      root,
      env: { ...ENV, CRUDDUR_XRAY_PIPELINE: 'otel', ROLLBAR_READ_TOKEN: 'EXAMPLEread0000000000000000000ab' },
    });
    assert.equal(code, 0, output);
    const saved = parseDotenv(readFileSync(join(root, '.env'), 'utf8'));
    assert.deepEqual(
      [saved.CRUDDUR_XRAY_PIPELINE, saved.ROLLBAR_READ_TOKEN],
      ['otel', 'EXAMPLEread0000000000000000000ab'],
    );
    assert.ok(!output.includes('EXAMPLEread'), 'the read token is a secret');
  });

  test('in Gitpod it also saves them with gp env and says how this shell gets them', async () => {
    const root = createProjectRoot();
    const env = {
      ...ENV,
      PATH: bin.path,
      GITPOD_WORKSPACE_ID: 'cruddur-abc123',
      GITPOD_WORKSPACE_CLUSTER_HOST: 'ws-us1.gitpod.io',
    };
    const { code, stdout } = await runTaskProcess('load-env', [], { root, env });
    assert.equal(code, 0);
    const gp = bin.calls().filter((c) => c.tool === 'gp');
    assert.equal(gp.length, 1);
    assert.equal(gp[0]?.argv[0], 'env');
    assert.equal(bin.gpEnv().HONEYCOMB_API_KEY, FAKE_SECRETS.HONEYCOMB_API_KEY);
    assert.equal(bin.gpEnv().AWS_XRAY_URL, '*4567-cruddur-abc123.ws-us1.gitpod.io*');
    assert.match(
      stdout,
      /Gitpod: saved for new workspaces \(gp env\); this workspace's other terminals get them with: eval "\$\(gp env -e\)"/,
    );
  });

  test('in Gitpod without the gp CLI it says so', async () => {
    const env = {
      ...ENV,
      PATH: '/usr/bin:/bin',
      GITPOD_WORKSPACE_ID: 'x',
      GITPOD_WORKSPACE_CLUSTER_HOST: 'ws.gitpod.io',
    };
    const { code, stderr } = await runTaskProcess('load-env', [], { root: createProjectRoot(), env });
    assert.equal(code, 1);
    assert.match(stderr, /gp CLI is not on PATH — fix: run load-env inside the Gitpod workspace terminal/);
  });

  test('in Codespaces it names the secrets to add for new codespaces', async () => {
    const env = {
      ...ENV,
      CODESPACES: 'true',
      CODESPACE_NAME: 'cruddur-x1',
      GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN: 'app.github.dev',
    };
    const { code, stdout } = await runTaskProcess('load-env', [], { root: createProjectRoot(), env });
    assert.equal(code, 0);
    assert.match(
      stdout,
      /Codespaces: this codespace uses \.env; for new codespaces add AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, HONEYCOMB_API_KEY, ROLLBAR_ACCESS_TOKEN as Codespaces secrets/,
    );
  });

  test('an invalid setting is refused before anything is written', async () => {
    const root = createProjectRoot();
    const { code, stderr } = await runTaskProcess('load-env', [], {
      root,
      env: { ...ENV, HONEYCOMB_API_ENDPOINT: 'api.honeycomb.io' },
    });
    assert.equal(code, 1);
    assert.match(stderr, /HONEYCOMB_API_ENDPOINT="api.honeycomb.io" is not valid/);
    assert.throws(() => statSync(join(root, '.env')));
  });
});
