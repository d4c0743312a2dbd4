/**
 * The edge shared by the setup tasks: the project root (the working directory, where
 * `docker-compose.yml` and `.env` live), a log that masks secrets from `.env` too, the task's own
 * flags, and the one frozen config. `--mode local|cloud` is understood where the task accepts it.
 */
import { parseTaskArgs, type TaskOptions } from './args.js';
import { runCli } from './cli.js';
import { loadToolkitConfig } from './config/load.js';
import type { ToolkitConfig } from './config/parse.js';
import { createLog, type Log } from './output/log.js';
import { readProjectEnv } from './toolkit-vars.js';

export interface TaskContext {
  config: ToolkitConfig;
  log: Log;
  root: string;
  env: NodeJS.ProcessEnv;
  /** Process env over `.env`: what the config was parsed from. */
  vars: Record<string, string>;
  flags: Record<string, string | boolean | undefined>;
}

export const MODE_FLAG = { mode: { type: 'string', value: 'local|cloud', description: 'force a mode (default: cloud when AWS credentials are configured, else local)' } } as const satisfies TaskOptions;

export async function runTask(name: string, options: TaskOptions, body: (task: TaskContext) => Promise<unknown>): Promise<void> {
  const root = process.cwd();
  const { dotenv, vars } = readProjectEnv(root);
  await runCli(async (log, argv) => {
    const flags = parseTaskArgs(name, argv, options) as TaskContext['flags'];
    const mode = typeof flags.mode === 'string' ? flags.mode : undefined;
    const config = loadToolkitConfig({ root, flags: { mode }, dotenv });
    await body({ config, log, root, env: process.env, vars, flags });
  }, createLog({ env: vars }));
}
