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
import { checkStackPrerequisites, describeStack, startStack } from './stack.js';
import { ensureXrayResources } from './xray-resources.js';

export async function setup(config: ToolkitConfig, log: Log): Promise<void> {
  log.info(`Mode: ${config.mode} (${config.modeReason})`);
  if (config.mode === 'local') {
    const urls = await startStack(config, log);
    saveComposeProfile(config, log);
    return finish(config, log, urls);
  }
  await checkCredentials(config, log, { probe: false });
  // The values load-env will save, validated now; compose gets them before they are saved.
  const composeEnv = collectToolkitValues(config, detectWorkspace(config.env));
  await checkStackPrerequisites(config, log);
  await ensureXrayResources(config, log);
  const urls = await startStack(config, log, { composeEnv });
  await loadEnv(config, log);
  finish(config, log, urls);
}

function finish(config: ToolkitConfig, log: Log, urls: Awaited<ReturnType<typeof startStack>>): void {
  log.ok(`Cruddur is up in ${config.mode} mode${config.mode === 'cloud' ? ` (region ${config.aws.region})` : ''}`);
  for (const line of describeStack(urls, config)) log.info(line);
}
