import { delimiter, join } from 'node:path';
import { readDotenvFile } from '../lib/config/dotenv-file.js';
import { UsageError } from './errors.js';

/** Reads a dotenv file with the toolkit's one strict parser (the one `.env` is read with). */
export function readEnvFile(path: string): Record<string, string> {
  const values = readDotenvFile(path, path);
  if (values === undefined)
    throw new UsageError(
      `env file ${path} cannot be read`,
      'check the path given to --env-file (relative paths start from where you ran the command)',
    );
  return values;
}

/** The directory the user ran the command from: npm moves to the package root but keeps it in INIT_CWD. */
export function getCallerDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.INIT_CWD || cwd;
}

export interface TaskEnvInput {
  /** The runner's own environment. */
  readonly processEnv: NodeJS.ProcessEnv;
  /** Values from --env-file; a variable already in `processEnv` keeps its value. */
  readonly fileEnv?: Readonly<Record<string, string>>;
  readonly callerDir: string;
  /** The tasks file's directory: its `node_modules/.bin` goes first on PATH, as in npm scripts. */
  readonly taskDir: string;
}

/** The environment every task of a run gets. Pure. */
export function createTaskEnv({ processEnv, fileEnv = {}, callerDir, taskDir }: TaskEnvInput): NodeJS.ProcessEnv {
  return {
    ...fileEnv,
    ...processEnv,
    INIT_CWD: callerDir,
    PATH: [join(taskDir, 'node_modules', '.bin'), processEnv.PATH].filter(Boolean).join(delimiter),
  };
}
