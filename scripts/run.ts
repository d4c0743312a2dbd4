/**
 * The task runner's CLI edge: argv → options → plan → execute → exit code.
 * `npm run task -- [options] [NAME [ARGS...]]`; see scripts/runner/options.ts for the options.
 */
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { asksForHelp } from './lib/args.js';
import { runCli } from './lib/cli.js';
import { createLog, type Log } from './lib/output/log.js';
import { describeTerminals, TERMINAL_VARIABLE } from './lib/output/terminal.js';
import { createTaskEnv, getCallerDir, readEnvFile } from './runner/env.js';
import { UsageError } from './runner/errors.js';
import { executePlan } from './runner/execute.js';
import { formatPlan, formatTaskList } from './runner/format.js';
import { answersHelpItself, formatTaskHelp } from './runner/help.js';
import { findTaskFile, readTaskFile } from './runner/load.js';
import { HELP, parseRunnerArgs } from './runner/options.js';
import { resolvePlan } from './runner/resolve.js';
import type { Plan, RunnerOptions } from './runner/types.js';

const shown = (path: string): string => relative(process.cwd(), path) || '.';

async function main(log: Log, argv: string[]): Promise<void> {
  const options = parseRunnerArgs(argv, availableParallelism());
  if (options.help) return log.info(HELP);

  // Paths the user typed are relative to where they typed them, not to where npm moved us.
  const callerDir = getCallerDir(process.env, process.cwd());
  const configPath = options.config === undefined ? findTaskFile(process.cwd()) : resolve(callerDir, options.config);
  if (configPath === undefined)
    throw new UsageError(
      `no package.json with a "tasks" object in ${process.cwd()} or above`,
      'run from the repository, or pass --config FILE',
    );
  const file = readTaskFile(configPath);
  if (options.list || options.name === undefined) return log.info(formatTaskList(file, shown(file.path)));

  const plan = resolvePlan(file, options.name, options.args);
  if (asksForHelp(options.args)) {
    // The task's usage: nothing runs before it, and only a toolkit script runs at all (to add its options).
    log.info(formatTaskHelp(file.tasks.get(plan.target)!));
    const target = plan.tasks.at(-1)!;
    return answersHelpItself(target.command)
      ? runPlan({ ...plan, tasks: [{ ...target, dependencies: [] }] }, options, callerDir, file.dir)
      : undefined;
  }
  if (options.dryRun) return log.info(formatPlan(plan, options.jobs, shown(plan.cwd)));
  await runPlan(plan, options, callerDir, file.dir);
}

async function runPlan(plan: Plan, options: RunnerOptions, callerDir: string, taskDir: string): Promise<void> {
  const fileEnv = options.envFile === undefined ? {} : readEnvFile(resolve(callerDir, options.envFile));
  // Tasks write to pipes (the runner masks and labels their lines); they learn which of the runner's
  // streams are terminals, for colour and spinners.
  const env = {
    ...createTaskEnv({ processEnv: process.env, fileEnv, callerDir, taskDir }),
    [TERMINAL_VARIABLE]: describeTerminals(process),
  };
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => interrupt.abort(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    await executePlan(plan, {
      jobs: options.jobs,
      env,
      stdout: process.stdout,
      stderr: process.stderr,
      // The runner's own lines go to stderr, so a task's stdout stays pipeable; the masker also
      // knows the secrets that came from --env-file.
      log: createLog({ env, stdout: process.stderr }),
      interrupt: interrupt.signal,
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

await runCli(main);
