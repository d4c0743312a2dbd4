import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { waitFor } from '../../test-support/wait.js';
import { failureLine } from '../lib/errors.js';
import { createLog } from '../lib/output/log.js';
import { TASK_REPORT_VARIABLE } from '../lib/task-report.js';
import { InterruptedError, TaskFailedError } from './errors.js';
import { executePlan, type ExecuteOptions } from './execute.js';
import { parseTasks } from './load.js';
import { resolvePlan } from './resolve.js';
import { captureStream, isGone, stripDurations, tempDir } from './testing.js';

/** Runs `target` of a task table in `dir`, capturing the task output and the runner's lines. */
async function run(
  dir: string,
  tasks: Record<string, unknown>,
  target: string,
  options: Partial<ExecuteOptions> & { args?: string[] } = {},
) {
  const stdout = captureStream();
  const stderr = captureStream();
  const status = captureStream();
  const plan = resolvePlan(
    { path: join(dir, 'tasks.json'), dir, tasks: parseTasks(tasks, 'tasks.json') },
    target,
    options.args,
  );
  let error: unknown;
  try {
    await executePlan(plan, {
      jobs: 2,
      env: process.env,
      stdout,
      stderr,
      log: createLog({ secrets: [], stdout: status, stderr: status }),
      ...options,
    });
  } catch (err) {
    error = err;
  }
  return { error, stdout: stdout.text(), stderr: stderr.text(), status: stripDurations(status.text()) };
}

/** Shell that waits (at most ~10 s, so a broken runner fails instead of hanging) until `file` exists. */
const waitForFile = (file: string) =>
  `for i in $(seq 200); do [ -e ${file} ] && break; sleep 0.05; done; [ -e ${file} ]`;

test('dependencies finish before their dependent starts', async (t) => {
  const dir = tempDir(t);
  const result = await run(
    dir,
    {
      a: 'echo a >> order',
      b: { command: 'echo b >> order', dependencies: ['a'] },
      c: { command: 'echo c >> order', dependencies: ['b'] },
    },
    'c',
  );
  assert.equal(result.error, undefined);
  assert.equal(readFileSync(join(dir, 'order'), 'utf8'), 'a\nb\nc\n');
});

test('independent tasks run at the same time: each waits for the other to have started', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    left: `touch left.started && ${waitForFile('right.started')}`,
    right: `touch right.started && ${waitForFile('left.started')}`,
    both: { dependencies: ['left', 'right'] },
  };
  const result = await run(dir, tasks, 'both', { jobs: 2 });
  assert.equal(result.error, undefined, result.status);
});

test('--jobs 1 runs independent tasks one after the other', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    a: 'echo a-start >> log; sleep 0.2; echo a-end >> log',
    b: 'echo b-start >> log; echo b-end >> log',
    all: { dependencies: ['a', 'b'] },
  };
  await run(dir, tasks, 'all', { jobs: 1 });
  assert.equal(readFileSync(join(dir, 'log'), 'utf8'), 'a-start\na-end\nb-start\nb-end\n');
});

test('a dependency shared by several tasks runs once', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    build: 'echo built >> count',
    test: { command: 'true', dependencies: ['build'] },
    lint: { command: 'true', dependencies: ['build'] },
    ci: { dependencies: ['test', 'lint', 'build'] },
  };
  const result = await run(dir, tasks, 'ci');
  assert.equal(result.error, undefined);
  assert.equal(readFileSync(join(dir, 'count'), 'utf8'), 'built\n');
});

test('ARGS reach the named task, not its dependencies', async (t) => {
  const dir = tempDir(t);
  const result = await run(
    dir,
    { dep: 'echo dep got:', main: { command: 'echo main got:', dependencies: ['dep'] } },
    'main',
    { args: ['a b', "it's"] },
  );
  assert.equal(result.stdout, "dep got:\nmain got: a b it's\n");
});

test('output is [name]-prefixed when tasks can run at the same time, and left alone when they run one after the other', async (t) => {
  const dir = tempDir(t);
  assert.equal((await run(dir, { solo: 'echo out; echo err >&2' }, 'solo')).stdout, 'out\n');
  const chain = await run(dir, { a: 'echo out; echo err >&2', b: { command: 'echo b', dependencies: ['a'] } }, 'b');
  assert.equal(chain.stdout, 'out\nb\n');
  const parallel = await run(
    dir,
    { a: 'echo out; echo err >&2', b: 'echo b', both: { dependencies: ['a', 'b'] } },
    'both',
    { jobs: 1 },
  );
  assert.equal(parallel.stdout, 'out\nb\n', 'one at a time (--jobs 1): nothing interleaves');
  const overlapping = await run(
    dir,
    {
      a: 'echo out; echo err >&2',
      b: { command: 'echo b', dependencies: ['a'] },
      c: 'true',
      both: { dependencies: ['b', 'c'] },
    },
    'both',
    { jobs: 2 },
  );
  assert.equal(overlapping.stdout, '[a] out\n[b] b\n');
  assert.equal(overlapping.stderr, '[a] err\n');
});

test('a last line without a newline is still printed', async (t) => {
  assert.equal((await run(tempDir(t), { a: 'printf "no newline"' }, 'a')).stdout, 'no newline\n');
});

test('secrets in task output are masked', async (t) => {
  const dir = tempDir(t);
  const stdout = captureStream();
  const plan = resolvePlan(
    { path: '', dir, tasks: parseTasks({ leak: 'echo key=hcaik_0123456789abcdef' }, 't') },
    'leak',
  );
  await executePlan(plan, {
    jobs: 1,
    env: process.env,
    stdout,
    stderr: captureStream(),
    log: createLog({ secrets: ['hcaik_0123456789abcdef'], stdout: captureStream() }),
  });
  assert.equal(stdout.text(), 'key=hcaik_…cdef\n');
});

test('each task gets a one-line summary with its duration', async (t) => {
  const result = await run(tempDir(t), { a: 'true', b: { command: 'true', dependencies: ['a'] } }, 'b');
  assert.equal(result.status, '› a $ true\n✔ a done in <t>\n› b $ true\n✔ b done in <t>\n');
});

test('a failing task stops the run with its exit code; what depends on it never starts', async (t) => {
  const dir = tempDir(t);
  const result = await run(
    dir,
    { broken: 'exit 7', after: { command: 'touch after.ran', dependencies: ['broken'] } },
    'after',
  );
  assert.ok(result.error instanceof TaskFailedError);
  assert.equal(result.error.exitCode, 7);
  assert.equal(result.error.task, 'broken');
  assert.equal(existsSync(join(dir, 'after.ran')), false);
  // The run's error is the one failure line; the runner prints none of its own on the way.
  assert.equal(result.status, '› broken $ exit 7\n');
  assert.equal(
    failureLine(result.error),
    'task "broken" failed with exit code 7 — fix: read its output above, fix the cause, then rerun: npm run task -- broken',
  );
});

/** A task as the toolkit's scripts fail under the runner: its cause and fix in its private report file. */
const REPORTING_TASK = `printf '{"cause":"the region is not set","fix":"set AWS_REGION","exitCode":3}' > "$${TASK_REPORT_VARIABLE}"; exit 3`;

test('a task that reports why it failed ends the run with its cause and fix, read from the report, not its output', async (t) => {
  const result = await run(
    tempDir(t),
    { deploy: `echo '✖ printed, not reported — fix: never read' >&2; ${REPORTING_TASK}` },
    'deploy',
  );
  assert.ok(result.error instanceof TaskFailedError);
  assert.equal(result.error.exitCode, 3);
  assert.equal(
    failureLine(result.error),
    'task "deploy" failed with exit code 3: the region is not set — fix: set AWS_REGION',
  );
});

test('a failure line in the output without a report is only output: the fix points at it', async (t) => {
  const result = await run(
    tempDir(t),
    { deploy: "echo '✖ the region is not set — fix: set AWS_REGION' >&2; exit 3" },
    'deploy',
  );
  assert.ok(result.error instanceof TaskFailedError);
  assert.match(failureLine(result.error), /^task "deploy" failed with exit code 3 — fix: read its output above/);
});

test("a secret in a report is masked in the run's failure line", async (t) => {
  const dir = tempDir(t);
  const plan = resolvePlan(
    {
      path: '',
      dir,
      tasks: parseTasks(
        {
          leak: `printf '{"cause":"key hcaik_0123456789abcdef refused","fix":"use another","exitCode":1}' > "$${TASK_REPORT_VARIABLE}"; exit 1`,
        },
        't',
      ),
    },
    'leak',
  );
  const error = await executePlan(plan, {
    jobs: 1,
    env: process.env,
    stdout: captureStream(),
    stderr: captureStream(),
    log: createLog({ secrets: ['hcaik_0123456789abcdef'], stdout: captureStream() }),
  }).catch((err: unknown) => err);
  assert.equal(failureLine(error), 'task "leak" failed with exit code 1: key hcaik_…cdef refused — fix: use another');
});

test('each task gets its own report file, and the folder is gone after the run', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    a: `echo "$${TASK_REPORT_VARIABLE}" > a.path`,
    b: { command: `echo "$${TASK_REPORT_VARIABLE}" > b.path`, dependencies: ['a'] },
  };
  assert.equal((await run(dir, tasks, 'b')).error, undefined);
  const [a, b] = ['a.path', 'b.path'].map((file) => readFileSync(join(dir, file), 'utf8').trim());
  assert.notEqual(a, b);
  assert.equal(dirname(a!), dirname(b!));
  assert.equal(existsSync(dirname(a!)), false);
});

test('a task killed by a signal fails with 128 + the signal number', async (t) => {
  const result = await run(tempDir(t), { doomed: 'kill -KILL $$' }, 'doomed');
  assert.ok(result.error instanceof TaskFailedError);
  assert.equal(result.error.exitCode, 137);
  assert.match(failureLine(result.error), /^task "doomed" was killed by SIGKILL — fix: read its output above/);
  assert.doesNotMatch(result.status, /✖/);
});

test('the first failure terminates running siblings, with everything they started', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    // The shell and a background child of it: both must be gone afterwards.
    sibling: 'echo $$ > shell.pid; sleep 60 & echo $! > child.pid; wait',
    failing: `${waitForFile('child.pid')} && exit 3`,
    both: { dependencies: ['sibling', 'failing'] },
  };
  const result = await run(dir, tasks, 'both');
  assert.ok(result.error instanceof TaskFailedError);
  assert.equal(result.error.exitCode, 3);
  assert.match(result.status, /! sibling stopped after <t>/);
  for (const file of ['shell.pid', 'child.pid']) {
    const pid = Number(readFileSync(join(dir, file), 'utf8'));
    assert.ok(isGone(pid), `${file} (${pid}) still runs`);
  }
});

test('a task that ignores SIGTERM is killed once the grace period is over', async (t) => {
  const dir = tempDir(t);
  const tasks = {
    stubborn: "trap '' TERM; echo $$ > stubborn.pid; sleep 60 & wait; sleep 60",
    failing: `${waitForFile('stubborn.pid')} && exit 1`,
    both: { dependencies: ['stubborn', 'failing'] },
  };
  const result = await run(dir, tasks, 'both', { graceMs: 300 });
  assert.ok(result.error instanceof TaskFailedError);
  assert.ok(isGone(Number(readFileSync(join(dir, 'stubborn.pid'), 'utf8'))));
});

test('an interrupt stops every running task and ends the run with 128 + the signal number', async (t) => {
  const dir = tempDir(t);
  const interrupt = new AbortController();
  const running = run(
    dir,
    {
      slow: 'echo $$ > slow.pid; sleep 60 & echo $! > child.pid; wait',
      later: { command: 'touch later.ran', dependencies: ['slow'] },
    },
    'later',
    { interrupt: interrupt.signal },
  );
  await waitFor('the task to start', async () => (existsSync(join(dir, 'child.pid')) ? true : undefined));
  interrupt.abort('SIGINT');
  const result = await running;
  assert.ok(result.error instanceof InterruptedError);
  assert.equal(result.error.exitCode, 130);
  assert.equal(existsSync(join(dir, 'later.ran')), false);
  for (const file of ['slow.pid', 'child.pid'])
    assert.ok(isGone(Number(readFileSync(join(dir, file), 'utf8'))), `${file} still runs`);
});

test('an interrupt ends with one line that carries what a stopped task reported', async (t) => {
  const dir = tempDir(t);
  const interrupt = new AbortController();
  const undoing = `trap 'printf "{\\"cause\\":\\"interrupted: undid the start\\",\\"fix\\":\\"rerun setup\\",\\"exitCode\\":143}" > "$${TASK_REPORT_VARIABLE}"; exit 143' TERM; touch started; while true; do sleep 0.1; done`;
  const running = run(dir, { setup: undoing }, 'setup', { interrupt: interrupt.signal });
  await waitFor('the task to start', async () => (existsSync(join(dir, 'started')) ? true : undefined));
  interrupt.abort('SIGINT');
  const result = await running;
  assert.ok(result.error instanceof InterruptedError);
  assert.equal(
    failureLine(result.error),
    'stopped by SIGINT; every running task was stopped (setup: interrupted: undid the start) — fix: rerun setup',
  );
});

test('a task that cannot start fails with exit code 1 and says why', async (t) => {
  const dir = join(tempDir(t), 'removed-after-planning');
  const result = await run(dir, { a: 'true' }, 'a');
  assert.ok(result.error instanceof TaskFailedError);
  assert.equal(result.error.exitCode, 1);
  assert.match(failureLine(result.error), /^task "a" could not start \(spawn .* ENOENT\) — fix: /);
});

test('tasks run in the plan directory with the given environment', async (t) => {
  const dir = tempDir(t);
  const result = await run(dir, { where: 'pwd; echo "$GREETING"' }, 'where', {
    env: { ...process.env, GREETING: 'hello' },
  });
  assert.equal(result.stdout, `${dir}\nhello\n`);
});
