/**
 * AWS SDK clients built from the toolkit config alone: the config's region, the `AWS_ENDPOINT_URL*`
 * overrides, its keys, else the SDK's default credential chain (profiles, SSO, web identity, containers).
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import { XRayClient } from '@aws-sdk/client-xray';
import type { ToolkitConfig } from '../config/parse.js';

// The SDK warns once per process that Node 20 support ends in 2027 (a multi-line warning on stderr
// that would break our one-line output); this documented switch silences only that warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Fail fast when AWS is unreachable instead of waiting for the OS's TCP timeout. */
const REQUEST_HANDLER = Object.freeze({ connectionTimeout: 5_000, requestTimeout: 20_000 });

/**
 * Keys that only `.env` holds are invisible to the SDK's chain (it reads the process env), so they
 * are passed explicitly; otherwise the chain decides, with the profile the config resolved.
 */
export function awsClientSettings(config: ToolkitConfig, endpoint: string | undefined) {
  const { keys } = config.aws;
  return {
    region: config.aws.region,
    ...(endpoint !== undefined && { endpoint }),
    ...(config.aws.profile !== undefined && { profile: config.aws.profile }),
    ...(keys !== undefined && { credentials: { ...keys } }),
    requestHandler: REQUEST_HANDLER,
  };
}

export function createXrayClient(config: ToolkitConfig): XRayClient {
  return new XRayClient(awsClientSettings(config, config.aws.xrayEndpoint ?? config.aws.endpoint));
}

export function createStsClient(config: ToolkitConfig): STSClient {
  return new STSClient(awsClientSettings(config, config.aws.stsEndpoint ?? config.aws.endpoint));
}

export function createLogsClient(config: ToolkitConfig): CloudWatchLogsClient {
  return new CloudWatchLogsClient(awsClientSettings(config, config.aws.logsEndpoint ?? config.aws.endpoint));
}
