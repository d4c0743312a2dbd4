/**
 * The scripts' configuration: flags, the process environment, `.env` and defaults become one frozen,
 * typed config through pure functions. Precedence: flag > process env > `.env` > what the running
 * stack's setup remembered (where it listens) > default.
 */
import { resolve } from 'node:path';
import { DEFAULTS, parsePort, serviceNameFromEnv, XRAY_PIPELINES, type XrayPipeline } from '@cruddur/trace-contract';
import { ToolkitError } from '../errors.js';

export type Mode = 'local' | 'cloud';

/** Where the AWS SDK's default chain will find credentials, as far as can be told without calling AWS. */
export type AwsCredentialSource = 'env' | '.env' | 'profile' | 'web-identity' | 'container' | 'shared-files' | 'none';

/** Static AWS keys from the process env or `.env` (the SDK's own chain only sees the process env). */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
}

export interface ToolkitConfig {
  /** The project root (absolute): the folder of `docker-compose.yml`, `.env` and `package.json`. */
  root: string;
  /**
   * The process environment over `.env` (blank values dropped), frozen: what the toolkit hands on to
   * the processes it starts (docker compose, `gp`, the backend in local mode, which reads more
   * variables than the toolkit does), the toolkit variables `load-env` persists, and the secrets the
   * log masks. Steps read settings from the typed fields, never from here.
   */
  env: Readonly<Record<string, string>>;
  mode: Mode;
  /** Why this mode: shown by setup so the choice is never a surprise. */
  modeReason: string;
  aws: {
    credentials: AwsCredentialSource;
    /** Keys given as variables; undefined when the SDK's chain (profile, SSO, …) finds credentials. */
    keys: AwsKeys | undefined;
    region: string | undefined;
    profile: string | undefined;
    /** `AWS_ENDPOINT_URL*` overrides (emulators, tests); the SDK reads them from env as well. */
    endpoint: string | undefined;
    xrayEndpoint: string | undefined;
    stsEndpoint: string | undefined;
    logsEndpoint: string | undefined;
  };
  honeycomb: { apiKey: string; endpoint: string } | undefined;
  rollbar: { token: string; environment: string; endpoint: string } | undefined;
  /** `HONEYCOMB_QUERY_KEY`: lets verify-traces find the backend's spans (Query Data API). */
  honeycombQueryKey: string | undefined;
  /** `ROLLBAR_READ_TOKEN`: lets verify-traces read the backend's item back. */
  rollbarReadToken: string | undefined;
  /** `CRUDDUR_XRAY_PIPELINE`: how the backend's spans reach X-Ray. */
  xrayPipeline: XrayPipeline;
  /** Whether `CRUDDUR_XRAY_PIPELINE` was set (else the default). */
  xrayPipelineExplicit: boolean;
  serviceName: string;
  /** `AWS_XRAY_URL`: the X-Ray SDK's dynamic naming pattern, which decides the segment name. */
  xrayUrlPattern: string | undefined;
  backendUrl: string;
  inspector: { xrayPort: number; httpPort: number };
  /** Runtime state (pids, logs, the inspector's data): one git-ignored folder (absolute). */
  stateDir: string;
}

export interface ConfigInputs {
  /** The project root; relative paths (the state folder) resolve against it. Default: the working directory. */
  root?: string;
  flags?: { mode?: string | undefined; backendUrl?: string | undefined };
  /** The process environment. */
  env: NodeJS.ProcessEnv;
  /** The parsed `.env` file, if any; the process environment wins over it. */
  dotenv?: Record<string, string>;
  /** Where the running local stack listens, as its setup remembered it (below `.env`, above defaults). */
  remembered?: Record<string, string>;
  /** Whether `~/.aws/credentials` or `~/.aws/config` exist (profiles, SSO). */
  hasSharedAwsFiles?: boolean;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The error for a setting that cannot be used; the message names the variable, the value and the fix. */
export function invalidSetting(
  name: string,
  value: string,
  allowed: string,
  fix = `set ${name} in .env or your shell`,
): ToolkitError {
  return new ToolkitError(`${name}=${JSON.stringify(value)} is not valid (expected ${allowed})`, fix);
}

/** Process env over `.env`, with blank values treated as unset (a common `.env` template leftover). */
export function mergeEnv(env: NodeJS.ProcessEnv, dotenv: Record<string, string> = {}): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of [dotenv, env]) {
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined && value.trim() !== '') merged[name] = value.trim();
    }
  }
  return merged;
}

export function parseMode(raw: string): Mode {
  if (raw === 'local' || raw === 'cloud') return raw;
  throw new ToolkitError(`--mode ${raw} is not a mode`, 'use --mode local or --mode cloud');
}

/** `AWS_REGION`, else `AWS_DEFAULT_REGION`; both set and different is refused, never guessed. */
export function parseRegion(vars: Record<string, string>): string | undefined {
  const region = vars.AWS_REGION;
  const fallback = vars.AWS_DEFAULT_REGION;
  if (region && fallback && region !== fallback) {
    throw new ToolkitError(
      `AWS_REGION=${region} and AWS_DEFAULT_REGION=${fallback} disagree (traces, group and rule must share one region)`,
      'unset one of them or make them equal',
    );
  }
  const value = region ?? fallback;
  if (value !== undefined && !REGION.test(value)) {
    throw invalidSetting(
      region ? 'AWS_REGION' : 'AWS_DEFAULT_REGION',
      value,
      'a region code such as us-east-1 or eu-west-2',
    );
  }
  return value;
}

/**
 * `env` and `.env` are told apart: a key that only `.env` holds was saved there (by load-env or by
 * hand), and saying "env" would send the user looking in the wrong place.
 */
export function parseAwsCredentialSource(
  vars: Record<string, string>,
  hasSharedAwsFiles: boolean,
  env: NodeJS.ProcessEnv = vars,
): AwsCredentialSource {
  const keyId = vars.AWS_ACCESS_KEY_ID;
  const secret = vars.AWS_SECRET_ACCESS_KEY;
  if (keyId && !secret)
    throw new ToolkitError(
      'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not',
      'set both, or unset both to use a profile',
    );
  if (secret && !keyId)
    throw new ToolkitError(
      'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not',
      'set both, or unset both to use a profile',
    );
  if (keyId) return env.AWS_ACCESS_KEY_ID?.trim() ? 'env' : '.env';
  if (vars.AWS_PROFILE) return 'profile';
  if (vars.AWS_WEB_IDENTITY_TOKEN_FILE) return 'web-identity';
  if (vars.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || vars.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'container';
  return hasSharedAwsFiles ? 'shared-files' : 'none';
}

/** An http(s) URL, as given. */
export function parseUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw invalidSetting(name, value, 'an http(s) URL');
}

/** A base URL that paths are appended to: no trailing slash. */
export function parseBaseUrl(name: string, value: string): string {
  return parseUrl(name, value).replace(/\/+$/, '');
}

export function parsePortSetting(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = parsePort(value);
  if (port === undefined) throw invalidSetting(name, value, 'a port from 1 to 65535');
  return port;
}

export function parseXrayPipeline(raw: string | undefined): XrayPipeline {
  if (raw === undefined) return DEFAULTS.xrayPipeline as XrayPipeline;
  if ((XRAY_PIPELINES as readonly string[]).includes(raw)) return raw as XrayPipeline;
  throw invalidSetting('CRUDDUR_XRAY_PIPELINE', raw, XRAY_PIPELINES.join(' or '));
}

/** Cloud settings present without AWS credentials: a half-configured cloud, refused rather than ignored. */
function cloudSettingsWithoutAws(vars: Record<string, string>): string[] {
  return ['HONEYCOMB_API_KEY', 'ROLLBAR_ACCESS_TOKEN'].filter((name) => vars[name]);
}

function resolveMode(
  flag: Mode | undefined,
  vars: Record<string, string>,
  credentials: AwsCredentialSource,
): { mode: Mode; reason: string } {
  if (flag !== undefined) return { mode: flag, reason: `--mode ${flag}` };
  if (credentials !== 'none') return { mode: 'cloud', reason: `AWS credentials found (${credentials})` };
  const partial = cloudSettingsWithoutAws(vars);
  if (partial.length > 0) {
    throw new ToolkitError(
      `${partial.join(' and ')} ${partial.length > 1 ? 'are' : 'is'} set but no AWS credentials are configured, so cloud mode is incomplete`,
      'configure AWS credentials (aws configure, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) for cloud mode, or run with --mode local',
    );
  }
  return { mode: 'local', reason: 'no AWS credentials configured' };
}

/** `--mode local` needs nothing from AWS: half a cloud configuration is set aside, and named. */
function forcedLocal(
  vars: Record<string, string>,
  hasSharedAwsFiles: boolean,
  env: NodeJS.ProcessEnv,
): { credentials: AwsCredentialSource; region: string | undefined; ignored: string | undefined } {
  try {
    return {
      credentials: parseAwsCredentialSource(vars, hasSharedAwsFiles, env),
      region: parseRegion(vars),
      ignored: undefined,
    };
  } catch (err) {
    return { credentials: 'none', region: undefined, ignored: (err as ToolkitError).problem };
  }
}

export function parseToolkitConfig(inputs: ConfigInputs): ToolkitConfig {
  const vars = mergeEnv(inputs.env, { ...inputs.remembered, ...inputs.dotenv });
  const hasSharedAwsFiles = inputs.hasSharedAwsFiles ?? false;
  const flag = inputs.flags?.mode === undefined ? undefined : parseMode(inputs.flags.mode);
  let credentials: AwsCredentialSource;
  let region: string | undefined;
  let mode: Mode;
  let reason: string;
  if (flag === 'local') {
    const local = forcedLocal(vars, hasSharedAwsFiles, inputs.env);
    ({ credentials, region } = local);
    mode = 'local';
    reason = local.ignored === undefined ? '--mode local' : `--mode local; AWS settings ignored: ${local.ignored}`;
  } else {
    credentials = parseAwsCredentialSource(vars, hasSharedAwsFiles, inputs.env);
    ({ mode, reason } = resolveMode(flag, vars, credentials));
    region = parseRegion(vars);
  }
  if (mode === 'cloud' && credentials === 'none') {
    throw new ToolkitError(
      'cloud mode needs AWS credentials and none are configured',
      'run aws configure (or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or use --mode local',
    );
  }
  if (mode === 'cloud' && region === undefined) {
    throw new ToolkitError(
      'cloud mode needs AWS_REGION and it is not set',
      'set AWS_REGION (e.g. us-east-1) in .env or your shell, the same region as your X-Ray console',
    );
  }
  const backendUrl = inputs.flags?.backendUrl ?? vars.BACKEND_URL ?? DEFAULTS.backendUrl;
  const root = resolve(inputs.root ?? '.');
  const keys =
    credentials === 'env' || credentials === '.env'
      ? Object.freeze({
          accessKeyId: vars.AWS_ACCESS_KEY_ID!,
          secretAccessKey: vars.AWS_SECRET_ACCESS_KEY!,
          sessionToken: vars.AWS_SESSION_TOKEN,
        })
      : undefined;
  return Object.freeze({
    root,
    env: Object.freeze(mergeEnv(inputs.env, inputs.dotenv)),
    mode,
    modeReason: reason,
    aws: Object.freeze({
      credentials,
      keys,
      region,
      profile: vars.AWS_PROFILE,
      endpoint: vars.AWS_ENDPOINT_URL && parseUrl('AWS_ENDPOINT_URL', vars.AWS_ENDPOINT_URL),
      xrayEndpoint: vars.AWS_ENDPOINT_URL_XRAY && parseUrl('AWS_ENDPOINT_URL_XRAY', vars.AWS_ENDPOINT_URL_XRAY),
      stsEndpoint: vars.AWS_ENDPOINT_URL_STS && parseUrl('AWS_ENDPOINT_URL_STS', vars.AWS_ENDPOINT_URL_STS),
      logsEndpoint:
        vars.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS &&
        parseUrl('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', vars.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS),
    }),
    honeycomb: vars.HONEYCOMB_API_KEY
      ? Object.freeze({
          apiKey: vars.HONEYCOMB_API_KEY,
          endpoint: parseBaseUrl('HONEYCOMB_API_ENDPOINT', vars.HONEYCOMB_API_ENDPOINT ?? DEFAULTS.honeycombEndpoint),
        })
      : undefined,
    rollbar: vars.ROLLBAR_ACCESS_TOKEN
      ? Object.freeze({
          token: vars.ROLLBAR_ACCESS_TOKEN,
          environment: vars.ROLLBAR_ENVIRONMENT ?? DEFAULTS.rollbarEnvironment,
          endpoint: parseUrl('ROLLBAR_ENDPOINT', vars.ROLLBAR_ENDPOINT ?? DEFAULTS.rollbarEndpoint),
        })
      : undefined,
    honeycombQueryKey: vars.HONEYCOMB_QUERY_KEY,
    rollbarReadToken: vars.ROLLBAR_READ_TOKEN,
    xrayPipeline: parseXrayPipeline(vars.CRUDDUR_XRAY_PIPELINE),
    xrayPipelineExplicit: vars.CRUDDUR_XRAY_PIPELINE !== undefined,
    serviceName: serviceNameFromEnv(vars),
    xrayUrlPattern: vars.AWS_XRAY_URL,
    backendUrl: parseBaseUrl(inputs.flags?.backendUrl !== undefined ? '--backend' : 'BACKEND_URL', backendUrl),
    inspector: Object.freeze({
      xrayPort: parsePortSetting(
        'CRUDDUR_INSPECTOR_XRAY_PORT',
        vars.CRUDDUR_INSPECTOR_XRAY_PORT,
        DEFAULTS.inspectorXrayPort,
      ),
      httpPort: parsePortSetting(
        'CRUDDUR_INSPECTOR_HTTP_PORT',
        vars.CRUDDUR_INSPECTOR_HTTP_PORT,
        DEFAULTS.inspectorHttpPort,
      ),
    }),
    stateDir: resolve(root, vars.CRUDDUR_STATE_DIR ?? DEFAULTS.stateDir),
  });
}
