import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TaskFileError } from './errors.js';
import { findTaskFile, parseTasks, readTaskFile } from './load.js';
import { tempDir } from './testing.js';

test('parseTasks accepts both deno.json spellings and keeps file order', () => {
  const tasks = parseTasks(
    {
      b: 'echo b',
      a: { command: 'echo a', description: 'says a', dependencies: ['b'] },
      group: { dependencies: ['a'] },
    },
    'f.json',
  );
  assert.deepEqual(
    [...tasks.values()],
    [
      { name: 'b', command: 'echo b', dependencies: [] },
      { name: 'a', command: 'echo a', description: 'says a', dependencies: ['b'] },
      { name: 'group', dependencies: ['a'] },
    ],
  );
});

for (const [what, tasks, message] of [
  [
    'a task that is neither a string nor an object',
    { a: 42 },
    'f.json, task "a": expected a command string, or an object',
  ],
  [
    'an unknown field, with the field it resembles',
    { a: { command: 'x', dependecies: [] } },
    'f.json, task "a": unknown field "dependecies" — did you mean "dependencies"?',
  ],
  [
    'a command that is not a string',
    { a: { command: ['echo'] } },
    'f.json, task "a": "command" must be a string, got ["echo"]',
  ],
  ['an empty command', { a: { command: '  ' } }, 'f.json, task "a": "command" is empty'],
  [
    'dependencies that are not a list of names',
    { a: { dependencies: 'b' } },
    'f.json, task "a": "dependencies" must be an array of task names, got "b"',
  ],
  [
    'a description that is not a string',
    { a: { command: 'x', description: 1 } },
    'f.json, task "a": "description" must be a string, got 1',
  ],
  ['a tasks value that is not an object', ['echo'], 'f.json: "tasks" must be an object of named tasks'],
] as const) {
  test(`parseTasks refuses ${what}, naming the task and the field`, () => {
    assert.throws(
      () => parseTasks(tasks, 'f.json'),
      (err: unknown) => err instanceof TaskFileError && err.message.startsWith(message),
    );
  });
}

test('readTaskFile reads "tasks" of a JSON file whose directory becomes the working directory', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ tasks: { hi: 'echo hi' } }));
  const file = readTaskFile(join(dir, 'tasks.json'));
  assert.equal(file.dir, dir);
  assert.deepEqual([...file.tasks.keys()], ['hi']);
});

test('readTaskFile says which file is missing, broken or without tasks', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'broken.json'), '{ "tasks": ');
  writeFileSync(join(dir, 'none.json'), '{ "name": "x" }');
  assert.throws(
    () => readTaskFile(join(dir, 'missing.json')),
    /missing\.json: cannot be read — check the path given to --config/,
  );
  assert.throws(() => readTaskFile(join(dir, 'broken.json')), /broken\.json: is not valid JSON/);
  assert.throws(() => readTaskFile(join(dir, 'none.json')), /none\.json: has no "tasks" object/);
});

test('findTaskFile walks up past package.json files without tasks (workspaces) to the one with tasks', (t) => {
  const root = tempDir(t);
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ tasks: {} }));
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'workspace', gitpod: { tasks: [] } }));
  assert.equal(findTaskFile(workspace), join(root, 'package.json'));
  assert.equal(findTaskFile(root), join(root, 'package.json'));
});
