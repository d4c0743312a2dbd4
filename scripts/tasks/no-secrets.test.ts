/**
 * Every setup script, on its good paths and its failure paths, with fake secrets in the environment
 * or only in `.env`: no secret value may appear in anything printed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FAKE_SECRETS, startCloudFakes, type CloudFakes } from '../../test-support/cloud-fakes.js';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';

const BAD_HONEYCOMB_KEY = 'hcaik_01EXAMPLEj0secretbutwrongsecretbutwrongsecretbutwrong4242';
const BAD_ROLLBAR_TOKEN = 'secret-but-malformed-rollbar-token-4242';

let fakes: CloudFakes;
before(async () => (fakes = await startCloudFakes()));
after(() => fakes.stop());

test('no script prints a secret value, whatever happens', async () => {
  const gitpod = { GITPOD_WORKSPACE_ID: 'cruddur-1', GITPOD_WORKSPACE_CLUSTER_HOST: 'ws.gitpod.io' };
  const runs: Array<[string, string[], Record<string, string | undefined>]> = [
    ['check-credentials', ['--probe'], {}],
    [
      'check-credentials',
      [],
      { HONEYCOMB_API_KEY: BAD_HONEYCOMB_KEY, ROLLBAR_ACCESS_TOKEN: BAD_ROLLBAR_TOKEN, DEBUG: '1' },
    ],
    ['load-env', [], gitpod],
    ['load-env', [], { ...gitpod, PATH: '/usr/bin:/bin' }],
    ['xray-resources', [], {}],
    ['xray-resources', [], { AWS_REGION: 'eu-west-1', DEBUG: '1' }],
    ['setup', [], {}],
    ['up', [], {}],
    ['down', [], {}],
    ['setup', ['--mode', 'cloud'], { HONEYCOMB_API_KEY: BAD_HONEYCOMB_KEY }],
  ];
  const secrets = [...Object.values(FAKE_SECRETS), BAD_HONEYCOMB_KEY, BAD_ROLLBAR_TOKEN];
  let printed = '';
  for (const [task, args, env] of runs) {
    const { output } = await runTaskProcess(task, args, { root: createProjectRoot(), env: { ...fakes.env, ...env } });
    printed += output;
    for (const secret of secrets)
      assert.ok(!output.includes(secret), `npm run ${task} ${args.join(' ')} printed a secret:\n${output}`);
  }

  // Secrets only in .env: the process environment does not know them, the log still must.
  const root = createProjectRoot();
  const {
    AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN,
    HONEYCOMB_API_KEY: _replacedByABadKey,
    ROLLBAR_ACCESS_TOKEN,
    ...rest
  } = fakes.env;
  writeFileSync(
    join(root, '.env'),
    Object.entries({
      AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN,
      HONEYCOMB_API_KEY: BAD_HONEYCOMB_KEY,
      ROLLBAR_ACCESS_TOKEN,
    })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    { mode: 0o600 },
  );
  for (const task of ['check-credentials', 'setup']) {
    const { output } = await runTaskProcess(task, [], { root, env: { ...rest, DEBUG: '1' } });
    printed += output;
    for (const secret of secrets)
      assert.ok(!output.includes(secret), `npm run ${task} (secrets in .env) printed a secret:\n${output}`);
  }
  // The runs did print: masked forms stand where the secrets were.
  assert.match(printed, /hcaik_…7f3a/);
  assert.match(printed, /✖/);
});
