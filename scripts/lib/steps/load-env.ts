/**
 * `load-env`: the toolkit's variables (the config's environment: process env over `.env`) persisted
 * for this workspace — always `.env` beside `docker-compose.yml` (0600, for compose and the
 * scripts), `gp env` in self-hosted Gitpod (new workspaces), and how Codespaces and Ona keep secrets
 * named. Never a value. `.env` also gets `COMPOSE_PROFILES` = the mode, so that a plain
 * `docker compose up` (Gitpod's "Compose Up" too) runs the stack of that mode.
 */
import { join } from 'node:path';
import { $ } from 'zx';
import type { ToolkitConfig } from '../config/parse.js';
import { TOOLKIT_VARIABLES } from '@cruddur/trace-contract';
import { formatDotenvValue, readTextIfExists, renderDotenv, writePrivateFile } from '../env-file.js';
import { ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';
import { detectWorkspace, type Workspace } from '../workspace.js';

const BACKEND_PORT = 4567;
/** Compose's own variable: the profiles a plain `docker compose up` runs. */
const COMPOSE_PROFILES = 'COMPOSE_PROFILES';

/** The values to persist: the table's variables that are set, the resolved region, the workspace's X-Ray URL. */
export function collectToolkitValues(config: ToolkitConfig, workspace: Workspace): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name } of TOOLKIT_VARIABLES) {
    // The region as resolved (AWS_DEFAULT_REGION is accepted), so compose and the daemon get one name.
    const value = name === 'AWS_REGION' ? config.aws.region : config.env[name];
    if (value !== undefined) values[name] = value;
  }
  const xrayUrl = workspace.xrayUrlPattern(BACKEND_PORT);
  if (values.AWS_XRAY_URL === undefined && xrayUrl !== undefined) values.AWS_XRAY_URL = xrayUrl;
  values[COMPOSE_PROFILES] = config.mode;
  for (const [name, value] of Object.entries(values)) {
    try {
      formatDotenvValue(value);
    } catch {
      throw new ToolkitError(
        `${name} holds both quote kinds and a newline, which .env cannot hold`,
        `set ${name} to a single-line value`,
      );
    }
  }
  return values;
}

async function saveWithGp(values: Record<string, string>, env: Readonly<Record<string, string>>): Promise<void> {
  const pairs = Object.entries(values).map(([name, value]) => `${name}=${value}`);
  const result = await $({ env, quiet: true, nothrow: true })`gp env ${pairs}`;
  if (result.exitCode === 127)
    throw new ToolkitError(
      'this looks like Gitpod (GITPOD_WORKSPACE_ID is set) but the gp CLI is not on PATH',
      'run load-env inside the Gitpod workspace terminal, or unset GITPOD_WORKSPACE_ID',
    );
  if (result.exitCode !== 0)
    throw new ToolkitError(
      `gp env failed (exit ${result.exitCode}: ${result.stderr.trim().split('\n')[0] ?? ''})`,
      'check you are logged in to Gitpod (gp whoami), then rerun npm run load-env',
    );
}

/** Where new workspaces of this kind keep the secret keys; undefined where `.env` is all there is. */
function secretsAdvice(workspace: Workspace, secrets: string[]): string | undefined {
  const names = secrets.join(', ') || 'your keys';
  if (workspace.kind === 'codespaces')
    return `Codespaces: this codespace uses .env; for new codespaces add ${names} as Codespaces secrets (GitHub → Settings → Codespaces → Secrets)`;
  if (workspace.kind === 'ona')
    return `Ona: this environment uses .env; for new environments add ${names} as Ona secrets of type environment variable (Ona → Settings → Secrets, or the project's Secrets)`;
  return undefined;
}

export async function loadEnv(config: ToolkitConfig, log: Log): Promise<{ names: string[] }> {
  const workspace = detectWorkspace(config.env);
  const values = collectToolkitValues(config, workspace);
  const names = Object.keys(values);
  const path = join(config.root, '.env');
  writePrivateFile(path, renderDotenv(readTextIfExists(path), values));
  log.ok(`.env: saved ${names.join(', ')} (mode 0600, git-ignored; docker compose and the scripts read it)`);

  const toolkitValues = Object.fromEntries(Object.entries(values).filter(([name]) => name !== COMPOSE_PROFILES));
  if (workspace.kind === 'gitpod' && Object.keys(toolkitValues).length > 0) {
    log.step(`Saving ${Object.keys(toolkitValues).length} variables with gp env…`);
    await saveWithGp(toolkitValues, config.env);
    log.ok(
      `Gitpod: saved for new workspaces (gp env); this workspace's other terminals get them with: eval "$(gp env -e)"`,
    );
  }
  const advice = secretsAdvice(
    workspace,
    TOOLKIT_VARIABLES.filter((v) => v.secret && values[v.name] !== undefined).map((v) => v.name),
  );
  if (advice !== undefined) log.info(advice);
  return { names };
}

/** Local mode's part of load-env: only which compose profile a plain `docker compose up` runs (no keys). */
export function saveComposeProfile(config: ToolkitConfig, log: Log): void {
  const path = join(config.root, '.env');
  writePrivateFile(path, renderDotenv(readTextIfExists(path), { [COMPOSE_PROFILES]: config.mode }));
  log.ok(`.env: ${COMPOSE_PROFILES}=${config.mode}, so a plain docker compose up runs this mode's stack`);
}
