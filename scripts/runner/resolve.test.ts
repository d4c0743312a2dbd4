import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { TaskCycleError, UnknownTaskError, UsageError } from './errors.js';
import { parseTasks } from './load.js';
import { hasParallelTasks, resolvePlan, shellQuote } from './resolve.js';
import type { TaskFile } from './types.js';

const file = (tasks: Record<string, unknown>): TaskFile => ({
  path: '/repo/package.json',
  dir: '/repo',
  tasks: parseTasks(tasks, 'package.json'),
});
const names = (tasks: Record<string, unknown>, target: string): string[] =>
  resolvePlan(file(tasks), target).tasks.map((task) => task.name);

test('dependencies come before the task, in the order they are listed', () => {
  assert.deepEqual(names({ c: { command: 'c', dependencies: ['a', 'b'] }, b: 'b', a: 'a' }, 'c'), ['a', 'b', 'c']);
});

test('a dependency shared by several tasks is planned once', () => {
  const tasks = {
    build: 'b',
    test: { command: 't', dependencies: ['build'] },
    lint: { command: 'l', dependencies: ['build'] },
    ci: { dependencies: ['test', 'lint', 'build'] },
  };
  assert.deepEqual(names(tasks, 'ci'), ['build', 'test', 'lint', 'ci']);
});

test('only the tasks the target needs are planned', () => {
  assert.deepEqual(names({ a: 'a', b: 'b', c: { command: 'c', dependencies: ['b'] } }, 'c'), ['b', 'c']);
});

test('a cycle is refused with its path, before anything runs', () => {
  const tasks = {
    a: { command: 'a', dependencies: ['b'] },
    b: { command: 'b', dependencies: ['c'] },
    c: { command: 'c', dependencies: ['a'] },
  };
  assert.throws(
    () => resolvePlan(file(tasks), 'a'),
    (err: unknown) => err instanceof TaskCycleError && err.message.startsWith('cycle: a -> b -> c -> a —'),
  );
  assert.throws(
    () => resolvePlan(file({ self: { command: 's', dependencies: ['self'] } }), 'self'),
    /cycle: self -> self/,
  );
});

test('a cycle further down names only the tasks that form it', () => {
  const tasks = {
    top: { command: 't', dependencies: ['x'] },
    x: { command: 'x', dependencies: ['y'] },
    y: { command: 'y', dependencies: ['x'] },
  };
  assert.throws(
    () => resolvePlan(file(tasks), 'top'),
    (err: unknown) => err instanceof TaskCycleError && err.path.join(' ') === 'x y x',
  );
});

test('an unknown task is refused with the closest name and the list of tasks', () => {
  assert.throws(
    () => resolvePlan(file({ setup: 's', 'verify-traces': 'v' }), 'setpu'),
    (err: unknown) =>
      err instanceof UnknownTaskError &&
      err.message === 'unknown task "setpu" — did you mean "setup"? (tasks: setup, verify-traces)',
  );
});

test('an unknown dependency names the task that asks for it', () => {
  assert.throws(
    () =>
      resolvePlan(file({ backend: { command: 'b', dependencies: ['build-bakend'] }, 'build-backend': 'x' }), 'backend'),
    /task "backend" depends on unknown task "build-bakend" — did you mean "build-backend"\?/,
  );
});

test('ARGS are quoted and appended to the named task only', () => {
  const plan = resolvePlan(file({ build: 'tsc', test: { command: 'node --test', dependencies: ['build'] } }), 'test', [
    '--grep',
    'a b',
    "it's",
    '$HOME',
  ]);
  assert.deepEqual(
    plan.tasks.map((task) => task.command),
    ['tsc', `node --test --grep 'a b' 'it'\\''s' '$HOME'`],
  );
});

test('ARGS for a task without a command of its own are refused', () => {
  assert.throws(() => resolvePlan(file({ a: 'a', group: { dependencies: ['a'] } }), 'group', ['x']), UsageError);
});

test('the plan runs in the directory of the tasks file', () => {
  assert.equal(resolvePlan(file({ a: 'a' }), 'a').cwd, '/repo');
});

for (const arg of [
  'plain',
  '--flag=value',
  '',
  'two words',
  "it's",
  '$(echo injected) `id` $HOME',
  'tab\tand\nnewline',
  '*',
]) {
  test(`shellQuote passes ${JSON.stringify(arg)} through a real shell unchanged`, () => {
    assert.equal(execFileSync('bash', ['-c', `printf %s ${shellQuote(arg)}`], { encoding: 'utf8' }), arg);
  });
}

test('tasks can overlap when neither waits for the other; a chain, even through a group, never does', () => {
  const parallel = (tasks: Record<string, unknown>, target: string) =>
    hasParallelTasks(resolvePlan(file(tasks), target));
  assert.equal(parallel({ a: 'a', b: 'b', both: { dependencies: ['a', 'b'] } }, 'both'), true);
  assert.equal(parallel({ build: 'b', setup: { command: 's', dependencies: ['build'] } }, 'setup'), false);
  assert.equal(
    parallel({ a: 'a', group: { dependencies: ['a'] }, b: { command: 'b', dependencies: ['group'] } }, 'b'),
    false,
  );
  assert.equal(
    parallel(
      {
        base: 'x',
        a: { command: 'a', dependencies: ['base'] },
        b: { command: 'b', dependencies: ['base'] },
        top: { dependencies: ['a', 'b'] },
      },
      'top',
    ),
    true,
  );
  assert.equal(parallel({ solo: 's' }, 'solo'), false);
});
