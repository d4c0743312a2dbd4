/**
 * The side-effecting half of config loading: reads `.env` (strictly, once), what the running stack's
 * setup remembered, and whether AWS shared files exist; then `parse.ts` makes the frozen config.
 * No network: the linter keeps `scripts/lib/config/**` from importing anything that could reach it.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULTS } from '@cruddur/trace-contract';
import { secretValues } from '../output/mask.js';
import { describeOpenPermissions, readDotenvFile } from './dotenv-file.js';
import { mergeEnv, parseToolkitConfig, type ConfigInputs, type ToolkitConfig } from './parse.js';
import { readRemembered } from './remembered.js';

/** Where config loading reports what the user should know: warnings, and secrets to mask from now on. */
export interface ConfigReporter {
  warn(line: string): void;
  maskAlso(secrets: readonly string[]): void;
}

export function hasSharedAwsFiles(env: NodeJS.ProcessEnv): boolean {
  const home = homedir();
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const config = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  return existsSync(credentials) || existsSync(config);
}

export interface ConfigSourceOptions {
  env?: NodeJS.ProcessEnv;
  /** The project root: the folder of `docker-compose.yml` and `.env`; the runner starts tasks there. */
  root?: string;
  reporter?: ConfigReporter;
}

/** Everything the config is parsed from, read once; `parseToolkitConfig` turns it into a config (again, per mode, if need be). */
export function readConfigSources(options: ConfigSourceOptions = {}): Omit<ConfigInputs, 'flags'> {
  const env = options.env ?? process.env;
  const root = resolve(options.root ?? process.cwd());
  const path = join(root, '.env');
  const dotenv = readDotenvFile(path, '.env') ?? {};
  options.reporter?.maskAlso(secretValues(mergeEnv(env, dotenv)));
  const warning = existsSync(path) ? describeOpenPermissions(path, '.env') : undefined;
  if (warning !== undefined) options.reporter?.warn(warning);
  const stateDir = resolve(root, mergeEnv(env, dotenv).CRUDDUR_STATE_DIR ?? DEFAULTS.stateDir);
  return { root, env, dotenv, remembered: readRemembered(stateDir), hasSharedAwsFiles: hasSharedAwsFiles(env) };
}

export function loadToolkitConfig(
  options: ConfigSourceOptions & { flags?: ConfigInputs['flags'] } = {},
): ToolkitConfig {
  return parseToolkitConfig({ ...readConfigSources(options), flags: options.flags });
}
