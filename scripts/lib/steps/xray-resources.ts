/**
 * `xray-resources`: the group and sampling rule of `aws/json/`, validated, then ensured in the config's
 * region; in the otel pipeline also Transaction Search, which X-Ray's OTLP endpoint requires (checked,
 * and turned on only when asked, after saying what that changes).
 */
import type { XRayClient } from '@aws-sdk/client-xray';
import { createLogsClient, createXrayClient } from '../aws/clients.js';
import { verifyAwsIdentity } from '../aws/sts.js';
import {
  enableTransactionSearch,
  isTransactionSearchOn,
  TRANSACTION_SEARCH_BILLING,
  transactionSearchGaps,
  verifyTransactionSearch,
  type TransactionSearchState,
} from '../aws/transaction-search.js';
import { loadXrayResourceSpecs } from '../aws/xray-files.js';
import { describeEnsureResult, ensureSamplingRule, ensureXrayGroup, type EnsureResult } from '../aws/xray-resources.js';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';

export interface XrayResourcesOptions {
  /** Turn Transaction Search on when it is off (otel pipeline only). */
  enableTransactionSearch?: boolean;
}

const ENABLE_FLAG = 'npm run xray-resources -- --enable-transaction-search';

function describeOn(state: TransactionSearchState): string {
  return `Transaction Search: on (segment destination CloudWatchLogs, ${state.status}; resource policy ${state.policyName} lets X-Ray write aws/spans)`;
}

async function ensureTransactionSearch(
  config: ToolkitConfig,
  xray: XRayClient,
  log: Log,
  options: XrayResourcesOptions,
): Promise<void> {
  const logs = createLogsClient(config);
  try {
    const state = await verifyTransactionSearch(xray, logs, config);
    if (isTransactionSearchOn(state)) return log.ok(describeOn(state));
    const gaps = transactionSearchGaps(state).join('; ');
    if (!options.enableTransactionSearch) {
      throw new ToolkitError(
        `CRUDDUR_XRAY_PIPELINE=otel sends spans to X-Ray's OTLP endpoint, which needs Transaction Search, and it is off in ${config.aws.region} (${gaps})`,
        `turn it on with ${ENABLE_FLAG} (${TRANSACTION_SEARCH_BILLING}), or use CRUDDUR_XRAY_PIPELINE=sdk`,
      );
    }
    log.warn(`Turning on Transaction Search in ${config.aws.region}: ${TRANSACTION_SEARCH_BILLING}`);
    const { account } = await verifyAwsIdentity(config);
    const after = await enableTransactionSearch(xray, logs, config, state, account);
    if (isTransactionSearchOn(after)) return log.ok(describeOn(after));
    log.ok(
      `Transaction Search: turning on (segment destination CloudWatchLogs, ${after.status}; resource policy ${after.policyName}); X-Ray takes spans once it is ACTIVE, usually within minutes: rerun npm run xray-resources to check`,
    );
  } finally {
    logs.destroy();
  }
}

export async function ensureXrayResources(
  config: ToolkitConfig,
  log: Log,
  options: XrayResourcesOptions = {},
): Promise<EnsureResult[]> {
  if (config.mode !== 'cloud') {
    throw new ToolkitError(
      `X-Ray resources live in AWS, and this is local mode (${config.modeReason})`,
      'configure AWS credentials and AWS_REGION (or pass --mode cloud); local mode needs no X-Ray resources',
    );
  }
  const specs = loadXrayResourceSpecs(config.root);
  log.step(
    `Ensuring X-Ray ${`group ${specs.group.GroupName}`} and sampling rule ${specs.rule.RuleName} in ${config.aws.region}…`,
  );
  const xray = createXrayClient(config);
  try {
    const results = [
      await ensureXrayGroup(xray, specs.group, config),
      await ensureSamplingRule(xray, specs.rule, config),
    ];
    for (const result of results) log.ok(describeEnsureResult(result));
    if (config.xrayPipeline === 'otel') await ensureTransactionSearch(config, xray, log, options);
    return results;
  } finally {
    xray.destroy();
  }
}
