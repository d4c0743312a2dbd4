/**
 * The toolkit's variables as the scripts see them: the process environment over `.env` in the
 * project root (the folder of `docker-compose.yml`, which is the scripts' working directory).
 */
import { join } from 'node:path';
import { readDotenv } from './config/load.js';
import { mergeEnv } from './config/parse.js';
import { createLog, type Log } from './output/log.js';

export function readToolkitVars(root: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return mergeEnv(env, readDotenv(join(root, '.env')));
}

/** The log of a task: it masks secrets found in `.env` as well as in the environment. */
export function createTaskLog(root: string): Log {
  return createLog({ env: readToolkitVars(root) });
}
