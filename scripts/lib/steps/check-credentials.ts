/**
 * `check-credentials`: one line per service — AWS (STS + region), Honeycomb (`/1/auth`), Rollbar —
 * each either ✔ with what was proven, – when not configured, or ✖ with the cause and the fix.
 */
import { verifyAwsIdentity } from '../aws/sts.js';
import { describeXrayPermissions } from '../aws/xray-permissions.js';
import type { ToolkitConfig } from '../config/parse.js';
import { failureLine, ToolkitError } from '../errors.js';
import { verifyHoneycombKeyCanSend } from '../honeycomb.js';
import type { Log } from '../output/log.js';
import { maskSecret } from '@cruddur/trace-contract';
import { checkRollbarTokenShape, pingRollbar, postRollbarProbe } from '../rollbar.js';

export interface CheckCredentialsOptions {
  /** Post a Rollbar item to prove the token (it appears in the Rollbar project). */
  probe: boolean;
}

type Check = { service: string; run: () => Promise<string> } | { service: string; skip: string };

async function checkAws(config: ToolkitConfig): Promise<string> {
  const identity = await verifyAwsIdentity(config);
  return `account ${identity.account}, ${identity.arn}, region ${identity.region} (credentials: ${config.aws.credentials}${config.aws.profile ? ` ${config.aws.profile}` : ''})`;
}

async function checkHoneycomb(honeycomb: NonNullable<ToolkitConfig['honeycomb']>): Promise<string> {
  const auth = await verifyHoneycombKeyCanSend(honeycomb);
  const where = new URL(honeycomb.endpoint).host;
  const environment = auth.environment ? `environment ${auth.environment.slug}` : 'no environment';
  return `team ${auth.team.slug}, ${environment}, ${auth.keyKind} key ${maskSecret(honeycomb.apiKey)} may send events (${where})`;
}

async function checkRollbar(rollbar: NonNullable<ToolkitConfig['rollbar']>, probe: boolean): Promise<string> {
  checkRollbarTokenShape(rollbar.token);
  if (probe)
    return `token ${maskSecret(rollbar.token)} posted probe item ${await postRollbarProbe(rollbar)} (environment ${rollbar.environment})`;
  await pingRollbar(rollbar.endpoint);
  return `token ${maskSecret(rollbar.token)} is well-formed and ${new URL(rollbar.endpoint).host} answers (prove it with --probe, which posts one item)`;
}

export function credentialChecks(config: ToolkitConfig, options: CheckCredentialsOptions): Check[] {
  return [
    config.aws.credentials === 'none'
      ? {
          service: 'AWS',
          skip: 'no credentials configured (local mode); aws configure and AWS_REGION enable cloud mode',
        }
      : { service: 'AWS', run: () => checkAws(config) },
    config.honeycomb
      ? { service: 'Honeycomb', run: () => checkHoneycomb(config.honeycomb!) }
      : { service: 'Honeycomb', skip: 'HONEYCOMB_API_KEY is not set' },
    config.rollbar
      ? { service: 'Rollbar', run: () => checkRollbar(config.rollbar!, options.probe) }
      : { service: 'Rollbar', skip: 'ROLLBAR_ACCESS_TOKEN is not set' },
  ];
}

/** Runs every check (in parallel), prints them in order, and throws once if any failed. */
export async function checkCredentials(
  config: ToolkitConfig,
  log: Log,
  options: CheckCredentialsOptions,
): Promise<void> {
  const checks = credentialChecks(config, options);
  log.step(`Checking credentials: ${checks.map((c) => c.service).join(', ')}…`);
  const outcomes = await Promise.allSettled(
    checks.map((check) => ('run' in check ? check.run() : Promise.resolve(undefined))),
  );
  const failed: string[] = [];
  checks.forEach((check, i) => {
    const outcome = outcomes[i]!;
    if ('skip' in check) log.info(`– ${check.service}: not configured (${check.skip})`);
    else if (outcome.status === 'fulfilled') log.ok(`${check.service}: ${outcome.value}`);
    else {
      failed.push(check.service);
      log.fail(`${check.service}: ${failureLine(outcome.reason)}`);
    }
  });
  // STS proves who the credentials are, not what they may do: the X-Ray actions are named for the user to check.
  if (config.aws.credentials !== 'none') log.info(`  ${describeXrayPermissions(config.xrayPipeline)}`);
  if (failed.length > 0) {
    throw new ToolkitError(
      `${failed.join(' and ')} credentials failed the check`,
      'fix what the ✖ lines above name, then rerun npm run check-credentials',
    );
  }
}
