/** `xray-resources`: the group and sampling rule of `aws/json/`, validated, then ensured in the config's region. */
import { createXrayClient } from '../aws/clients.js';
import { loadXrayResourceSpecs } from '../aws/xray-files.js';
import { describeEnsureResult, ensureSamplingRule, ensureXrayGroup, type EnsureResult } from '../aws/xray-resources.js';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';

export async function ensureXrayResources(config: ToolkitConfig, log: Log, options: { root: string; vars: Record<string, string> }): Promise<EnsureResult[]> {
  if (config.mode !== 'cloud') {
    throw new ToolkitError(`X-Ray resources live in AWS, and this is local mode (${config.modeReason})`, 'configure AWS credentials and AWS_REGION (or pass --mode cloud); local mode needs no X-Ray resources');
  }
  const specs = loadXrayResourceSpecs(options.root);
  log.step(`Ensuring X-Ray ${`group ${specs.group.GroupName}`} and sampling rule ${specs.rule.RuleName} in ${config.aws.region}…`);
  const xray = createXrayClient(config, { vars: options.vars });
  try {
    const results = [await ensureXrayGroup(xray, specs.group, config), await ensureSamplingRule(xray, specs.rule, config)];
    for (const result of results) log.ok(describeEnsureResult(result));
    return results;
  } finally {
    xray.destroy();
  }
}
