/**
 * AWS SDK failures as one line with a fix. The SDK's own messages ("The security token included in
 * the request is invalid") say what but never what to do; the common causes are few and known.
 */
import { lookup } from 'node:dns/promises';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';

export interface AwsCallContext {
  /** As users know it: `STS`, `X-Ray`. */
  service: string;
  /** The API action, e.g. `CreateGroup`; names the IAM permission on access denied. */
  operation: string;
  /** The IAM action prefix: `sts`, `xray`. */
  iamPrefix: string;
  region: string | undefined;
  /** The endpoint override in force, if any (emulators, tests), and the variable it came from. */
  endpoint: string | undefined;
  endpointVariable?: string;
  profile: string | undefined;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_KEY = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'AuthorizationError']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException']);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function freshCredentialsFix(ctx: AwsCallContext): string {
  return ctx.profile
    ? `refresh the profile's credentials (aws sso login --profile ${ctx.profile}), then rerun`
    : 'get fresh credentials and set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) again, then npm run load-env';
}

function where(ctx: AwsCallContext): string {
  return ctx.endpoint ?? `region ${ctx.region ?? '(none)'}`;
}

/** What is known about the network when a call failed: whether DNS resolves AWS's own site at all. */
export interface NetworkFacts {
  dnsWorks?: boolean;
}

/** The one-line error for a failed AWS call. Exported so tests assert on each cause. */
export function describeAwsError(err: unknown, ctx: AwsCallContext, network: NetworkFacts = {}): ToolkitError {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const code = e.code ?? '';
  const message = (e.message ?? '').split('\n')[0] ?? '';
  const action = `${ctx.service} ${ctx.operation}`;

  if (EXPIRED.has(name) || (name === 'CredentialsProviderError' && /expired/i.test(message))) {
    return new ToolkitError(`AWS credentials have expired (${action}: ${name})`, freshCredentialsFix(ctx));
  }
  if (/scoped to a valid region|not valid in this region|region.*(mismatch|invalid)/i.test(message)) {
    return new ToolkitError(
      `${action} refused the request for region ${ctx.region} (${name}: ${message})`,
      'set AWS_REGION to the region of your X-Ray console and daemon (e.g. us-east-1)',
    );
  }
  if (BAD_KEY.has(name)) {
    return new ToolkitError(
      `AWS does not recognise these credentials (${action}: ${name})`,
      'check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY belong together and are active (aws configure), or use a working AWS_PROFILE',
    );
  }
  if (DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
    return new ToolkitError(
      `access denied: this identity may not call ${ctx.iamPrefix}:${ctx.operation} (${name})`,
      `allow ${ctx.iamPrefix}:${ctx.operation} for this user or role (e.g. attach the AWSXrayFullAccess managed policy)`,
    );
  }
  if (name === 'CredentialsProviderError') {
    return new ToolkitError(
      `no AWS credentials could be loaded (${message})`,
      'run aws configure (or aws sso login), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or use --mode local',
    );
  }
  if (NETWORK.has(code) || name === 'TimeoutError') {
    if (code === 'ENOTFOUND' && ctx.endpoint === undefined && network.dnsWorks === false) {
      return new ToolkitError(
        `cannot reach AWS: no name resolves, not even aws.amazon.com, so this machine looks offline (${action}: ENOTFOUND)`,
        'check the network connection (or HTTPS_PROXY), then rerun; local mode works offline: npm run setup -- --mode local',
      );
    }
    if (code === 'ENOTFOUND' && ctx.endpoint === undefined) {
      return new ToolkitError(
        `cannot resolve the ${ctx.service} endpoint of region ${ctx.region} (ENOTFOUND)`,
        `check AWS_REGION=${ctx.region} is a real region (e.g. us-east-1) and that DNS works`,
      );
    }
    return new ToolkitError(
      `cannot reach ${ctx.service} at ${where(ctx)} (${code || name})`,
      'check your network or proxy; with an emulator, check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_XRAY / AWS_ENDPOINT_URL_STS',
    );
  }
  if (THROTTLED.has(name)) {
    return new ToolkitError(`${action} was throttled by AWS (${name})`, 'wait a minute and rerun');
  }
  const status = e.$metadata?.httpStatusCode;
  const answer = `${status === undefined ? '' : `HTTP ${status}, `}${name}: ${message}`;
  if (name === 'SyntaxError' || /Deserialization error/i.test(message)) {
    return new ToolkitError(
      `${where(ctx)} answered ${action} with something that is not an AWS answer (${answer.split('\n')[0]})`,
      ctx.endpoint === undefined
        ? 'something between you and AWS answers instead (a proxy or captive portal?): check HTTPS_PROXY and the network'
        : `check that ${ctx.endpointVariable ?? 'the endpoint'}=${ctx.endpoint} serves ${ctx.service} and implements ${ctx.operation} (moto, for one, has no X-Ray groups or sampling rules)`,
    );
  }
  return new ToolkitError(
    `${action} got an unexpected answer from ${where(ctx)} (${answer})`,
    `this is not a known credential, region or network cause: open an issue with this line${ctx.endpoint === undefined ? '' : `, or check that ${ctx.endpoint} implements ${ctx.operation}`}`,
  );
}

/** Whether DNS resolves at all, asked only when an AWS name did not resolve. */
async function dnsWorks(): Promise<boolean> {
  try {
    await lookup('aws.amazon.com');
    return true;
  } catch {
    return false;
  }
}

/** Runs one AWS call and turns any failure into the line above. */
export async function callAws<T>(ctx: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const unresolved = (err as SdkErrorLike | null)?.code === 'ENOTFOUND' && ctx.endpoint === undefined;
    throw describeAwsError(err, ctx, unresolved ? { dnsWorks: await dnsWorks() } : {});
  }
}

/** The context of a call made with the config's region, endpoint overrides and profile. */
const SERVICES = {
  xray: { name: 'X-Ray', endpoint: (config: ToolkitConfig) => config.aws.xrayEndpoint },
  sts: { name: 'STS', endpoint: (config: ToolkitConfig) => config.aws.stsEndpoint },
  logs: { name: 'CloudWatch Logs', endpoint: (config: ToolkitConfig) => config.aws.logsEndpoint },
} as const;

export function awsCallContext(
  config: ToolkitConfig,
  service: keyof typeof SERVICES,
  operation: string,
): AwsCallContext {
  return {
    service: SERVICES[service].name,
    operation,
    iamPrefix: service,
    region: config.aws.region,
    ...endpointOf(config, service),
    profile: config.aws.profile,
  };
}

/** The endpoint override in force for a service, and the variable it came from (named in fixes). */
function endpointOf(
  config: ToolkitConfig,
  service: keyof typeof SERVICES,
): { endpoint: string | undefined; endpointVariable?: string } {
  const own = SERVICES[service].endpoint(config);
  if (own !== undefined) return { endpoint: own, endpointVariable: `AWS_ENDPOINT_URL_${service.toUpperCase()}` };
  if (config.aws.endpoint !== undefined) return { endpoint: config.aws.endpoint, endpointVariable: 'AWS_ENDPOINT_URL' };
  return { endpoint: undefined };
}
