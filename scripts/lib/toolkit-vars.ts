/**
 * The toolkit's variables as the scripts see them: the process environment over `.env` in the
 * project root (the folder of `docker-compose.yml`, which is the scripts' working directory).
 */
import { join } from 'node:path';
import { readDotenv } from './config/load.js';
import { mergeEnv } from './config/parse.js';

export interface ProjectEnv {
  /** `.env` as parsed, for `loadToolkitConfig`. */
  dotenv: Record<string, string>;
  /** Process env over `.env`: what the config is parsed from, and what the log masks. */
  vars: Record<string, string>;
}

/** Reads `.env` once for everything a script needs from it. */
export function readProjectEnv(root: string, env: NodeJS.ProcessEnv = process.env): ProjectEnv {
  const dotenv = readDotenv(join(root, '.env'));
  return { dotenv, vars: mergeEnv(env, dotenv) };
}

export function readToolkitVars(root: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return readProjectEnv(root, env).vars;
}
