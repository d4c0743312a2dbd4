/**
 * `setup`, the main job. Cloud: check credentials and Docker → X-Ray resources → compose up → wait
 * until healthy → save the variables (`.env`, `gp env`): nothing is written before the checks pass,
 * and `.env` only once the stack runs. Local: the native local stack, then `COMPOSE_PROFILES=local`.
 * Either way it ends with where things are and what's next.
 */
import type { ToolkitConfig } from '../config/parse.js';
import type { Log } from '../output/log.js';
import { detectWorkspace } from '../workspace.js';
import { checkCredentials } from './check-credentials.js';
import { collectToolkitValues, loadEnv, saveComposeProfile } from './load-env.js';
import { checkStackPrerequisites, describeStack, startStack, type StackOptions } from './stack.js';
import { ensureXrayResources } from './xray-resources.js';

export async function setup(config: ToolkitConfig, log: Log, options: StackOptions): Promise<void> {
  log.info(`Mode: ${config.mode} (${config.modeReason})`);
  if (config.mode === 'local') {
    const urls = await startStack(config, log, options);
    saveComposeProfile(config, log, options.root);
    return finish(config, log, urls);
  }
  await checkCredentials(config, log, { probe: false, vars: options.vars });
  // The values load-env will save, validated now; compose gets them before they are saved.
  const composeEnv = collectToolkitValues(config, options.vars, detectWorkspace(options.env));
  await checkStackPrerequisites(config, log, options);
  await ensureXrayResources(config, log, options);
  const urls = await startStack(config, log, { ...options, composeEnv });
  await loadEnv(config, log, options);
  finish(config, log, urls);
}

function finish(config: ToolkitConfig, log: Log, urls: Awaited<ReturnType<typeof startStack>>): void {
  log.ok(`Cruddur is up in ${config.mode} mode${config.mode === 'cloud' ? ` (region ${config.aws.region})` : ''}`);
  for (const line of describeStack(urls, config)) log.info(line);
}
