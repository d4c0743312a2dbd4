/**
 * `setup`, the main job. Cloud: check credentials → load env → X-Ray resources → compose up → wait
 * until healthy. Local: the native local stack. Either way it ends with where things are and what's next.
 */
import type { ToolkitConfig } from '../config/parse.js';
import type { Log } from '../output/log.js';
import { checkCredentials } from './check-credentials.js';
import { loadEnv } from './load-env.js';
import { describeStack, startStack, type StackOptions } from './stack.js';
import { ensureXrayResources } from './xray-resources.js';

export async function setup(config: ToolkitConfig, log: Log, options: StackOptions): Promise<void> {
  log.info(`Mode: ${config.mode} (${config.modeReason})`);
  if (config.mode === 'cloud') {
    await checkCredentials(config, log, { probe: false, vars: options.vars });
    await loadEnv(config, log, options);
    await ensureXrayResources(config, log, options);
  }
  const urls = await startStack(config, log, options);
  log.ok(`Cruddur is up in ${config.mode} mode${config.mode === 'cloud' ? ` (region ${config.aws.region})` : ''}`);
  for (const line of describeStack(urls, config)) log.info(line);
}
