/**
 * `.gitpod.yml`, `.devcontainer/devcontainer.json` and `.ona/automations.yaml` against their
 * published JSON schemas or documented shapes (in test-support/schemas, see its README), then
 * against what the toolkit needs from them.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { SECRET_NAMES } from '@cruddur/trace-contract';

// ajv-formats is CommonJS with a default export; NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2019) => void;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
/** The schemas use editor keywords (deprecationMessage, markdownDescription…) that are not JSON Schema. */
const OPTIONS = { strict: false, allErrors: true } as const;

function errorsOf(validate: { errors?: unknown[] | null }): string {
  return JSON.stringify(validate.errors, null, 2);
}

describe('.gitpod.yml', () => {
  const gitpod = parseYaml(readFileSync('.gitpod.yml', 'utf8')) as {
    tasks: Array<Record<string, string>>;
    ports: Array<{ port: number }>;
  };

  test('is valid against the Gitpod schema', () => {
    const ajv = new Ajv(OPTIONS);
    const validate = ajv.compile(readJson('test-support/schemas/gitpod-schema.json') as object);
    assert.ok(validate(gitpod), errorsOf(validate));
  });

  test('installs in init (once per clone/prebuild) and runs setup in command (every start)', () => {
    const [task] = gitpod.tasks;
    assert.equal(task?.init, 'npm ci');
    assert.match(task?.command ?? '', /npm run setup/);
    assert.doesNotMatch(task?.init ?? '', /setup/);
  });

  test('brings gp env variables into the shell before setup', () => {
    const command = gitpod.tasks[0]?.command ?? '';
    assert.ok(
      command.indexOf('eval "$(gp env -e)"') >= 0 &&
        command.indexOf('eval "$(gp env -e)"') < command.indexOf('npm run setup'),
    );
  });

  test('declares the backend, daemon and local inspector ports', () => {
    assert.deepEqual(
      gitpod.ports.map((p) => p.port).sort((a, b) => a - b),
      [2000, 4318, 4567],
    );
  });
});

describe('.devcontainer/devcontainer.json', () => {
  const devcontainer = readJson('.devcontainer/devcontainer.json') as Record<string, unknown> & {
    secrets: Record<string, unknown>;
    forwardPorts: number[];
  };

  test('is valid against the dev container schema', () => {
    const ajv = new Ajv2019(OPTIONS);
    addFormats(ajv);
    const validate = ajv.compile(readJson('test-support/schemas/devContainer.base.schema.json') as object);
    assert.ok(validate(devcontainer), errorsOf(validate));
  });

  test('the schema check catches a mistake (it is not vacuous)', () => {
    const ajv = new Ajv2019(OPTIONS);
    addFormats(ajv);
    const validate = ajv.compile(readJson('test-support/schemas/devContainer.base.schema.json') as object);
    assert.equal(validate({ ...devcontainer, forwardPorts: ['not a port'] }), false);
  });

  test('installs after create and runs setup on every start (Codespaces), except in Ona, whose automations service does', () => {
    assert.equal(devcontainer.postCreateCommand, 'npm ci');
    assert.equal(devcontainer.postStartCommand, '[ -n "${GITPOD_ENVIRONMENT_ID:-}" ] || npm run setup');
    const run = (env: Record<string, string>) =>
      spawnSync('sh', ['-c', String(devcontainer.postStartCommand).replace('npm run setup', 'echo SETUP')], {
        encoding: 'utf8',
        env,
      }).stdout;
    assert.equal(run({}), 'SETUP\n');
    assert.equal(run({ GITPOD_ENVIRONMENT_ID: '019a-env' }), '');
  });

  test('forwards the backend, daemon and local inspector ports, each with a label', () => {
    assert.deepEqual(
      [...devcontainer.forwardPorts].sort((a, b) => a - b),
      [2000, 4318, 4567],
    );
    const attributes = devcontainer.portsAttributes as Record<string, { label?: string }>;
    for (const port of devcontainer.forwardPorts)
      assert.ok(attributes[String(port)]?.label, `port ${port} has a label`);
  });

  test('recommends every secret variable of the toolkit as a Codespaces secret', () => {
    for (const name of SECRET_NAMES) assert.ok(name in devcontainer.secrets, `${name} is missing from secrets`);
  });
});

describe('.ona/automations.yaml', () => {
  const automations = parseYaml(readFileSync('.ona/automations.yaml', 'utf8')) as {
    services: Record<string, { triggeredBy: string[]; commands: { start: string; ready: string; stop: string } }>;
    tasks: Record<string, { command: string; dependsOn: string[] }>;
  };
  const validate = new Ajv(OPTIONS).compile(readJson('test-support/schemas/ona-automations.schema.json') as object);

  test('has the documented shape', () => assert.ok(validate(automations), errorsOf(validate)));

  test('the shape check catches a mistake (it is not vacuous)', () => {
    assert.equal(validate({ ...automations, tasks: { verify: { name: 'x', comand: 'typo' } } }), false);
    assert.equal(
      validate({ services: { s: { name: 'x', triggeredBy: ['beforeSnapshot'], commands: { start: 'x' } } } }),
      false,
    );
  });

  test('a service starts the stack on every environment start, stays running, is ready when the backend is healthy, and stops with down', () => {
    const { cruddur } = automations.services;
    assert.deepEqual(cruddur?.triggeredBy, ['postEnvironmentStart']);
    assert.match(cruddur!.commands.start, /^npm run setup && exec sleep infinity$/);
    assert.match(cruddur!.commands.ready, /127\.0\.0\.1:4567\/api\/health-check/);
    assert.equal(cruddur!.commands.stop, 'npm run down');
  });

  test('its readiness check answers as Ona needs: non-zero until the backend is healthy, then zero', async (t) => {
    const ready = automations.services.cruddur!.commands.ready;
    const server = createServer((req, res) =>
      res.writeHead(req.url === '/api/health-check' ? 200 : 404).end('{"success":true}'),
    );
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    t.after(() => server.close());
    // Asynchronously: the server answers from this very process.
    const probe = (command: string) =>
      new Promise<number | null>((resolve) => spawn('sh', ['-c', command], { stdio: 'ignore' }).once('exit', resolve));
    assert.equal(await probe(ready.replace('4567', String(port))), 0);
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await probe(ready.replace('4567', String(port))), 1);
  });

  test('a task runs verify-traces once the service is ready', () => {
    const verify = automations.tasks['verify-traces'];
    assert.equal(verify?.command, 'npm run verify-traces');
    assert.deepEqual(verify?.dependsOn, ['cruddur']);
  });
});

test('the Gitpod schema check catches a mistake (it is not vacuous)', () => {
  const validate = new Ajv(OPTIONS).compile(readJson('test-support/schemas/gitpod-schema.json') as object);
  assert.equal(validate({ tasks: [{ init: 'npm ci', comand: 'typo' }] }), false);
});
