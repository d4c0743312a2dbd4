/**
 * `.gitpod.yml` and `.devcontainer/devcontainer.json` against their published JSON schemas (vendored
 * in test-support/schemas, see its README), then against what the toolkit needs from them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  const gitpod = parseYaml(readFileSync('.gitpod.yml', 'utf8')) as { tasks: Array<Record<string, string>>; ports: Array<{ port: number }> };

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
    assert.ok(command.indexOf('eval "$(gp env -e)"') >= 0 && command.indexOf('eval "$(gp env -e)"') < command.indexOf('npm run setup'));
  });

  test('declares the backend, daemon and local inspector ports', () => {
    assert.deepEqual(gitpod.ports.map((p) => p.port).sort((a, b) => a - b), [2000, 4318, 4567]);
  });
});

describe('.devcontainer/devcontainer.json', () => {
  const devcontainer = readJson('.devcontainer/devcontainer.json') as Record<string, unknown> & { secrets: Record<string, unknown>; forwardPorts: number[] };

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

  test('installs after create and runs setup on every start', () => {
    assert.equal(devcontainer.postCreateCommand, 'npm ci');
    assert.equal(devcontainer.postStartCommand, 'npm run setup');
  });

  test('forwards the backend, daemon and local inspector ports', () => {
    assert.deepEqual([...devcontainer.forwardPorts].sort((a, b) => a - b), [2000, 4318, 4567]);
  });

  test('recommends every secret variable of the toolkit as a Codespaces secret', () => {
    for (const name of SECRET_NAMES) assert.ok(name in devcontainer.secrets, `${name} is missing from secrets`);
  });
});

test('the Gitpod schema check catches a mistake (it is not vacuous)', () => {
  const validate = new Ajv(OPTIONS).compile(readJson('test-support/schemas/gitpod-schema.json') as object);
  assert.equal(validate({ tasks: [{ init: 'npm ci', comand: 'typo' }] }), false);
});
