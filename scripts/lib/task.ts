/**
 * The edge shared by the setup tasks: a log that masks secrets (those of `.env` too, once read), the
 * task's own flags, and the one frozen config, read inside the CLI's error boundary so that a bad
 * `.env` ends the run with one line. `--mode local|cloud` is understood where the task accepts it.
 */
import { parseTaskArgs, type TaskOptions } from './args.js';
import { runCli } from './cli.js';
import { loadToolkitConfig } from './config/load.js';
import type { ToolkitConfig } from './config/parse.js';
import { createLog, type Log } from './output/log.js';

export interface TaskContext {
  config: ToolkitConfig;
  log: Log;
  flags: Record<string, string | boolean | undefined>;
}

export const MODE_FLAG = {
  mode: {
    type: 'string',
    value: 'local|cloud',
    description: 'force a mode (default: cloud when AWS credentials are configured, else local)',
  },
} as const satisfies TaskOptions;

export async function runTask(
  name: string,
  options: TaskOptions,
  body: (task: TaskContext) => Promise<unknown>,
): Promise<void> {
  const log = createLog();
  await runCli(async (_log, argv) => {
    const flags = parseTaskArgs(name, argv, options) as TaskContext['flags'];
    const mode = typeof flags.mode === 'string' ? flags.mode : undefined;
    const config = loadToolkitConfig({ flags: { mode }, reporter: log });
    await body({ config, log, flags });
  }, log);
}
