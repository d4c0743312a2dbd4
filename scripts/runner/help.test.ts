/**
 * Every task of the repository's package.json answers `--help` through the real runner: exit 0, its
 * description and command, nothing run before it (no build), and a toolkit script's own options.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answersHelpItself, formatTaskHelp } from './help.js';
import { parseTasks } from './load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  scripts: Record<string, string>;
  tasks: unknown;
};
const TASKS = parseTasks(pkg.tasks, 'package.json');

function run(
  command: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_update_notifier: 'false' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run task -- NAME --help, for every task in package.json', { concurrency: 4 }, () => {
  for (const task of TASKS.values()) {
    test(`${task.name} --help exits 0, runs none of its dependencies, and shows its usage`, async () => {
      const { code, stdout, stderr } = await run(process.execPath, ['--', BIN, task.name, '--help']);
      assert.equal(code, 0, stderr);
      assert.ok(stdout.startsWith(`${formatTaskHelp(task)}\n`), stdout);
      // The runner announces each task it starts: at most the task itself, with --help.
      const started = stderr.split('\n').filter((line) => line.startsWith('› '));
      if (answersHelpItself(task.command)) {
        assert.deepEqual(started, [`› ${task.name} $ ${task.command} --help`]);
        assert.match(
          stdout,
          new RegExp(`^Usage: npm run ${task.name}\\b.*\\n[\\s\\S]*^  --help +show this text$`, 'm'),
        );
      } else {
        assert.deepEqual(started, []);
      }
    });
  }
});

test('every npm script that names a task runs it through the runner, so npm run NAME -- --help gives the same answer', async () => {
  const PREFIX = 'node -- scripts/runner/bin.mjs ';
  const named = Object.values(pkg.scripts)
    .filter((script) => script.startsWith(PREFIX) && !script.endsWith('--list'))
    .map((script) => script.slice(PREFIX.length));
  assert.ok(named.length > 5);
  for (const name of named) assert.ok(TASKS.has(name), `an npm script runs "${name}", which is no task`);
  const { code, stdout } = await run('npm', ['run', '--silent', 'setup', '--', '--help']);
  assert.equal(code, 0);
  assert.match(stdout, /^Usage: npm run setup -- \[--mode local\|cloud\]$/m);
});

test('the runner tells toolkit scripts (node --import tsx FILE.ts) from other commands', () => {
  assert.equal(answersHelpItself('node --import tsx scripts/tasks/setup.ts'), true);
  assert.equal(answersHelpItself('node --import tsx bench/run.ts --long'), true);
  assert.equal(answersHelpItself('tsc -p backend-flask-ts/tsconfig.build.json'), false);
  assert.equal(answersHelpItself('node backend-flask-ts'), false);
  assert.equal(answersHelpItself(undefined), false);
});
