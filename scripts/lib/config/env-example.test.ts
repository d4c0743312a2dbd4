import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDotenv } from './dotenv.js';
import { parseToolkitConfig } from './parse.js';
import { TOOLKIT_VARIABLES } from '@cruddur/trace-contract';

const EXAMPLE = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');

test('.env.example lists every toolkit variable, in order, each under its description, all blank', () => {
  assert.deepEqual(
    Object.keys(parseDotenv(EXAMPLE)),
    TOOLKIT_VARIABLES.map((v) => v.name),
  );
  assert.ok(
    Object.values(parseDotenv(EXAMPLE)).every((value) => value === ''),
    'the example holds no values',
  );
  for (const { name, description } of TOOLKIT_VARIABLES)
    assert.ok(EXAMPLE.includes(`# ${description}\n${name}=\n`), name);
});

test('a blank .env.example value counts as unset, so copying the file as is selects local mode', () => {
  assert.equal(parseToolkitConfig({ env: {}, dotenv: parseDotenv(EXAMPLE) }).mode, 'local');
});
