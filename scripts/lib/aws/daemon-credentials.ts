/**
 * Credentials for the X-Ray daemon container. It reads only env vars (a mounted ~/.aws is not
 * readable by its uid), so profiles and SSO are resolved here, through the SDK's default chain,
 * into short-lived env vars for `docker compose` — never written to disk.
 */
import type { ToolkitConfig } from '../config/parse.js';
import { createStsClient } from './clients.js';
import { awsCallContext, callAws } from './errors.js';

export async function resolveDaemonCredentials(config: ToolkitConfig): Promise<Record<string, string>> {
  // Keys in the env or .env reach compose by name already.
  if (config.aws.keys !== undefined) return {};
  const sts = createStsClient(config);
  try {
    const credentials = await callAws(awsCallContext(config, 'sts', 'resolving credentials for the daemon'), () =>
      sts.config.credentials(),
    );
    return {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(credentials.sessionToken !== undefined && { AWS_SESSION_TOKEN: credentials.sessionToken }),
    };
  } finally {
    sts.destroy();
  }
}
