import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../test-support/wait.js';
import { shellQuote } from './runner/resolve.js';
import { isGone, stripDurations, tempDir } from './runner/testing.js';

/** The runner's two ways in: its sources through tsx, and the cached bundle the npm scripts start. */
const ENTRIES = {
  source: ['--import', import.meta.resolve('tsx'), '--', fileURLToPath(new URL('./run.ts', import.meta.url))],
  // `--` as in the npm scripts: Node 20 would otherwise take the runner's --env-file as its own (nodejs/node#54232).
  bundle: ['--', fileURLToPath(new URL('./runner/bin.mjs', import.meta.url))],
} as const;
type Entry = keyof typeof ENTRIES;
const TESTDATA = fileURLToPath(new URL('./runner/testdata/', import.meta.url));

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the runner CLI as a user would, in `cwd`, with only the environment given (no secrets, no INIT_CWD). */
function startRunner(entry: Entry, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [...ENTRIES[entry], ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, finished };
}

/**
 * Golden files: each `testdata/NAME.json` holds a task table and the runner's `args`; the runner
 * reads it with `--config`. `NAME.golden` holds the command line, exit code, stdout and stderr,
 * with durations and the testdata path stripped. UPDATE_GOLDEN=1 rewrites them.
 */
describe('runner behaviour (golden files)', { concurrency: 4 }, () => {
  for (const caseFile of readdirSync(TESTDATA)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const name = caseFile.slice(0, -'.json'.length);
    for (const entry of Object.keys(ENTRIES) as Entry[])
      test(`${name} (${entry})`, async () => {
        const { args } = JSON.parse(readFileSync(join(TESTDATA, caseFile), 'utf8')) as { args: string[] };
        const fullArgs = ['--config', caseFile, ...args];
        const { code, stdout, stderr } = await startRunner(entry, fullArgs, TESTDATA, { SHARED: 'from-process' })
          .finished;
        const normalise = (text: string) => stripDurations(text).replaceAll(TESTDATA.replace(/\/$/, ''), '<testdata>');
        const actual = [
          `$ npm run task -- ${fullArgs.map(shellQuote).join(' ')}`,
          `exit code: ${code}`,
          '--- stdout',
          normalise(stdout),
          '--- stderr',
          normalise(stderr),
        ].join('\n');
        const goldenPath = join(TESTDATA, `${name}.golden`);
        if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, actual);
        assert.equal(actual, readFileSync(goldenPath, 'utf8'));
      });
  }
});

/** A task whose shell and background child both write their pids, then wait. */
const LONG_TASK = 'echo $$ > shell.pid; sleep 60 & echo $! > child.pid; wait';

for (const [signal, exitCode, entry] of [
  ['SIGINT', 130, 'source'],
  ['SIGTERM', 143, 'source'],
  ['SIGINT', 130, 'bundle'],
] as const) {
  test(`${signal} to the runner (${entry}) stops its tasks, leaves no process behind and exits ${exitCode}`, async (t) => {
    const dir = tempDir(t);
    writeFileSync(
      join(dir, 'tasks.json'),
      JSON.stringify({
        tasks: {
          long: LONG_TASK,
          other: LONG_TASK.replaceAll('.pid', '2.pid'),
          both: { dependencies: ['long', 'other'] },
        },
      }),
    );
    const runner = startRunner(entry, ['--config', 'tasks.json', 'both'], dir);
    // The source entry compiles the runner through tsx first: slow on a loaded machine, so a long deadline.
    await waitFor(
      'both tasks to start',
      async () => (existsSync(join(dir, 'child.pid')) && existsSync(join(dir, 'child2.pid')) ? true : undefined),
      60_000,
    );
    runner.child.kill(signal);
    const { code, stderr } = await runner.finished;
    assert.equal(code, exitCode);
    assert.match(stderr, new RegExp(`stopped by ${signal}; every running task was stopped — fix: `));
    for (const file of ['shell.pid', 'child.pid', 'shell2.pid', 'child2.pid']) {
      const pid = Number(readFileSync(join(dir, file), 'utf8'));
      assert.ok(isGone(pid), `${file} (${pid}) still runs`);
    }
  });
}

test('without --config the runner uses the nearest package.json with tasks, and runs there', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ tasks: { where: 'pwd' } }));
  const { code, stdout } = await startRunner('bundle', ['where'], dir).finished;
  assert.equal(code, 0);
  assert.equal(stdout, `${dir}\n`);
});

test('paths the user typed start from INIT_CWD, where npm was called', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ tasks: { hi: 'echo "hi from $INIT_CWD"' } }));
  const { code, stdout } = await startRunner('source', ['--config', 'tasks.json', 'hi'], TESTDATA, { INIT_CWD: dir })
    .finished;
  assert.equal(code, 0);
  assert.equal(stdout, `hi from ${dir}\n`);
});

test('the bundle the npm scripts start is rebuilt once one of its sources changes', async () => {
  const source = fileURLToPath(new URL('./runner/format.ts', import.meta.url));
  const manifest = fileURLToPath(new URL('../node_modules/.cache/task-runner/inputs.json', import.meta.url));
  const later = new Date(Date.now() + 1000); // same content, a new mtime: as after an edit
  utimesSync(source, later, later);
  const { code } = await startRunner('bundle', ['--config', 'list.json'], TESTDATA).finished;
  assert.equal(code, 0);
  const built = (JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>)['scripts/runner/format.ts'];
  assert.equal(built, `${statSync(source).size}:${statSync(source).mtimeMs}`);
});
