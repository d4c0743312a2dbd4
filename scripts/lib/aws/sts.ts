/** Who the AWS SDK's default chain authenticates as, proven by STS GetCallerIdentity. */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import { createStsClient } from './clients.js';
import { awsCallContext, callAws } from './errors.js';

export interface AwsIdentity {
  account: string;
  arn: string;
  region: string;
}

export async function verifyAwsIdentity(config: ToolkitConfig): Promise<AwsIdentity> {
  const region = config.aws.region;
  if (region === undefined) {
    throw new ToolkitError(
      'AWS_REGION is not set, so traces, group and rule have no region',
      'set AWS_REGION (e.g. us-east-1) in .env or your shell, the region of your X-Ray console',
    );
  }
  const sts = createStsClient(config);
  try {
    const identity = await callAws(awsCallContext(config, 'sts', 'GetCallerIdentity'), () =>
      sts.send(new GetCallerIdentityCommand({})),
    );
    return { account: identity.Account ?? '?', arn: identity.Arn ?? '?', region };
  } finally {
    sts.destroy();
  }
}
