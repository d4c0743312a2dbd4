import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { DEFAULTS } from '@cruddur/trace-contract';
import { mergeEnv, parseToolkitConfig, type ConfigInputs, type ToolkitConfig } from './parse.js';
import { readRemembered } from './remembered.js';

/** The `.env` beside `docker-compose.yml` (the repository root), parsed; empty when absent. */
export function readDotenv(path: string): Record<string, string> {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

export function hasSharedAwsFiles(env: NodeJS.ProcessEnv): boolean {
  const home = homedir();
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const config = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  return existsSync(credentials) || existsSync(config);
}

/**
 * The side-effecting half of config loading: reads `.env` (unless given), what the running stack's
 * setup remembered, and whether AWS shared files exist; then parses.
 */
export function loadToolkitConfig(options: { flags?: ConfigInputs['flags']; env?: NodeJS.ProcessEnv; root?: string; dotenv?: Record<string, string> } = {}): ToolkitConfig {
  const env = options.env ?? process.env;
  const root = options.root ?? process.cwd();
  const dotenv = options.dotenv ?? readDotenv(join(root, '.env'));
  const stateDir = resolve(root, mergeEnv(env, dotenv).CRUDDUR_STATE_DIR ?? DEFAULTS.stateDir);
  const config = parseToolkitConfig({
    flags: options.flags,
    env,
    dotenv,
    remembered: readRemembered(stateDir),
    hasSharedAwsFiles: hasSharedAwsFiles(env),
  });
  return Object.freeze({ ...config, stateDir: resolve(root, config.stateDir) });
}
