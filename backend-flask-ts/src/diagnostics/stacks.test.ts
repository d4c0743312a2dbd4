/**
 * The delivery record is on in the toolkit's own stacks — the compose file's backend services (read by
 * Debian's docker-compose, an independent parser) and the native local stack's environment — although
 * the image sets NODE_ENV=production, under which it is off unless switched on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { diagnosticsEnabled } from '@cruddur/trace-contract';
import { parseToolkitConfig } from '../../../scripts/lib/config/parse.js';
import { localBackendEnv } from '../../../scripts/lib/stack/local/env.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** What the image's runtime stage sets. */
const IMAGE_ENV = { NODE_ENV: 'production' };

test('the image sets NODE_ENV=production, where the record is off unless switched on', () => {
  assert.match(readFileSync(`${ROOT}backend-flask-ts/Dockerfile`, 'utf8'), /^ENV NODE_ENV=production\b/m);
  assert.equal(diagnosticsEnabled(IMAGE_ENV), false);
  assert.equal(diagnosticsEnabled({ ...IMAGE_ENV, CRUDDUR_DIAGNOSTICS: 'on' }), true);
});

test("docker-compose.yml: both backend services have it on, and the user's off wins", () => {
  const config = (env: Record<string, string>) => {
    const result = spawnSync(
      'docker-compose',
      ['-f', 'docker-compose.yml', '--profile', 'cloud', '--profile', 'local', 'config'],
      { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } },
    );
    if (result.error)
      throw new Error(
        `docker-compose is not installed (${result.error.message}) — fix: apt-get install -y docker-compose`,
      );
    assert.equal(result.status, 0, result.stderr);
    return (parseYaml(result.stdout) as { services: Record<string, { environment?: Record<string, string> }> })
      .services;
  };
  const services = config({});
  for (const name of ['backend-flask-ts', 'backend-local']) {
    const environment = services[name]?.environment ?? {};
    assert.equal(diagnosticsEnabled({ ...IMAGE_ENV, ...environment }), true, name);
  }
  assert.equal(
    diagnosticsEnabled({ ...IMAGE_ENV, ...config({ CRUDDUR_DIAGNOSTICS: 'off' })['backend-flask-ts']?.environment }),
    false,
  );
  assert.equal(
    services['backend-flask-ts']?.environment?.CRUDDUR_XRAY_PIPELINE,
    'sdk',
    "the seed's pipeline by default",
  );
});

test("the native local stack's backend has it on, and the user's off wins", () => {
  assert.equal(diagnosticsEnabled({ ...IMAGE_ENV, ...localBackendEnv(parseToolkitConfig({ env: {} })) }), true);
  assert.equal(
    diagnosticsEnabled({
      ...IMAGE_ENV,
      ...localBackendEnv(parseToolkitConfig({ env: { CRUDDUR_DIAGNOSTICS: 'off' } })),
    }),
    false,
  );
});
