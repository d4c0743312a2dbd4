/**
 * AWS SDK clients built from the toolkit config: the config's region, the `AWS_ENDPOINT_URL*`
 * overrides, and the SDK's default credential chain (env, profiles, SSO, web identity, containers).
 */
import { join } from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import { XRayClient } from '@aws-sdk/client-xray';
import { readDotenv } from '../config/load.js';
import { mergeEnv, type ToolkitConfig } from '../config/parse.js';

// The SDK warns once per process that Node 20 support ends in 2027 (a multi-line warning on stderr
// that would break our one-line output); this documented switch silences only that warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsClientOptions {
  /**
   * The variables the config was parsed from (process env over `.env`). Defaults to what
   * `loadToolkitConfig` reads by default: `process.env` and `./.env`.
   */
  vars?: Record<string, string>;
}

/** Fail fast when AWS is unreachable instead of waiting for the OS's TCP timeout. */
const REQUEST_HANDLER = Object.freeze({ connectionTimeout: 5_000, requestTimeout: 20_000 });

function defaultVars(): Record<string, string> {
  return mergeEnv(process.env, readDotenv(join(process.cwd(), '.env')));
}

/**
 * Keys that only `.env` holds are invisible to the SDK's chain (it reads the process env), so they
 * are passed explicitly; otherwise the chain decides, with the profile the config resolved.
 */
export function awsClientSettings(config: ToolkitConfig, endpoint: string | undefined, vars: Record<string, string>) {
  const accessKeyId = vars.AWS_ACCESS_KEY_ID;
  const secretAccessKey = vars.AWS_SECRET_ACCESS_KEY;
  return {
    region: config.aws.region,
    ...(endpoint !== undefined && { endpoint }),
    ...(config.aws.profile !== undefined && { profile: config.aws.profile }),
    ...(accessKeyId && secretAccessKey && { credentials: { accessKeyId, secretAccessKey, sessionToken: vars.AWS_SESSION_TOKEN } }),
    requestHandler: REQUEST_HANDLER,
  };
}

export function createXrayClient(config: ToolkitConfig, options: AwsClientOptions = {}): XRayClient {
  return new XRayClient(awsClientSettings(config, config.aws.xrayEndpoint ?? config.aws.endpoint, options.vars ?? defaultVars()));
}

export function createStsClient(config: ToolkitConfig, options: AwsClientOptions = {}): STSClient {
  return new STSClient(awsClientSettings(config, config.aws.stsEndpoint ?? config.aws.endpoint, options.vars ?? defaultVars()));
}

export function createLogsClient(config: ToolkitConfig, options: AwsClientOptions = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient(awsClientSettings(config, config.aws.logsEndpoint ?? config.aws.endpoint, options.vars ?? defaultVars()));
}
