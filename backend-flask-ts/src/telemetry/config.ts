/**
 * The three telemetry paths' settings, read from the environment by pure functions (env in, frozen
 * config out) so every rule is tested as a table. Nothing here throws: a value that cannot be used
 * becomes a warning naming the variable, the value, what is allowed and the fallback. Secrets (the
 * Honeycomb key, the Rollbar token) are never echoed in a warning.
 */
import {
  DEFAULTS,
  DIAGNOSTICS_VARIABLE,
  diagnosticsEnabled,
  honeycombExportHeaders,
  otlpTracesUrl,
  parseDaemonAddress,
  parseKeyValueList,
  serviceNameFromEnv,
  XRAY_PIPELINES,
  xrayOtlpTracesUrl,
  type XrayPipeline,
} from '@cruddur/trace-contract';

export type Env = Readonly<Record<string, string | undefined>>;

/** Who makes the sampling decision for a request that arrives without one. */
export type RootSampler =
  { kind: 'xray-rules' } | { kind: 'always_on' } | { kind: 'always_off' } | { kind: 'ratio'; ratio: number };

export type OtelConfig =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      serviceName: string;
      /** Full URL of the OTLP/HTTP traces endpoint (`…/v1/traces`). */
      tracesUrl: string;
      /** Export headers; may hold the Honeycomb key, so never print them. */
      headers: Readonly<Record<string, string>>;
      /** Where the spans go, for the start-up line: `Honeycomb (…)` or the OTLP endpoint. */
      destination: string;
      rootSampler: RootSampler;
    };

export type XrayContextMissing = 'LOG_ERROR' | 'RUNTIME_ERROR' | 'IGNORE_ERROR';

export type XrayConfig =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      /** As the SDK reads it: `host:port`, or `tcp:host:port udp:host:port`. */
      daemonAddress: string;
      /** The segment name when dynamic naming does not apply. */
      segmentName: string;
      /** `AWS_XRAY_URL`: segments are named by the Host header when it matches this pattern. */
      dynamicNamingPattern: string | undefined;
      contextMissing: XrayContextMissing;
    };

export type RollbarConfig =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      accessToken: string;
      environment: string;
      endpoint: string;
      /** `GIT_COMMIT`; when unset, start-up asks git. */
      codeVersion: string | undefined;
    };

/**
 * `CRUDDUR_XRAY_PIPELINE=otel`: X-Ray through OpenTelemetry, no X-Ray SDK. The OpenTelemetry spans go
 * to X-Ray's OTLP endpoint too, SigV4-signed for `xray` with the AWS SDK's default credential chain.
 */
export type XrayOtlpConfig =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      /** `https://xray.<region>.amazonaws.com/v1/traces`, or under `AWS_ENDPOINT_URL_XRAY`. */
      tracesUrl: string;
      /** X-Ray's API base (`GetSamplingRules`), the same host. */
      apiUrl: string;
      region: string;
      /** The service (segment) name X-Ray shows: the seed's `backend-flask`. */
      serviceName: string;
    };

/** How every OTLP export is sent (`OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT`, `…_COMPRESSION`). */
export interface OtlpExportSettings {
  timeoutMs: number;
  compression: 'gzip' | 'none';
}

export interface TelemetryConfig {
  otel: OtelConfig;
  xray: XrayConfig;
  rollbar: RollbarConfig;
  /** `CRUDDUR_XRAY_PIPELINE`: `sdk` (default, `xray` above) or `otel` (`xrayOtlp`). */
  xrayPipeline: XrayPipeline;
  xrayOtlp: XrayOtlpConfig;
  otlpExport: OtlpExportSettings;
  /** The sampler for requests that arrive without a decision, whichever OTLP target is on. */
  rootSampler: RootSampler;
  /** `CRUDDUR_DIAGNOSTICS`: the delivery record and its endpoint. */
  diagnostics: boolean;
  /** One line per setting that was ignored, for the start-up log. */
  warnings: readonly string[];
}

export function ignoredSettingMessage(name: string, value: string, allowed: string, fallback: string): string {
  return `${name}=${JSON.stringify(value)} is ignored: expected ${allowed}; using ${fallback}.`;
}

/** A variable's trimmed value; empty counts as unset, as in the OpenTelemetry spec. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `true`/`false` in any case; anything else warns and keeps the default. */
function readBoolean(env: Env, name: string, fallback: boolean, warnings: string[]): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  warnings.push(ignoredSettingMessage(name, raw, 'true or false', String(fallback)));
  return fallback;
}

function readUrl(env: Env, name: string, fallback: string, warnings: string[]): string {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^https?:\/\//i.test(raw) && URL.canParse(raw)) return raw;
  warnings.push(ignoredSettingMessage(name, raw, 'an http(s) URL', fallback));
  return fallback;
}

/** `k=v,k2=v2` (values URL-decoded), as the OTLP exporter reads it; names lowercased so overrides meet. */
function readHeaders(env: Env, name: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parseKeyValueList(read(env, name))).map(([key, value]) => [key.toLowerCase(), value]),
  );
}

/**
 * Where spans go. An explicit OTLP endpoint wins and gets only the explicit OTLP headers (the
 * Honeycomb key is not sent to another destination); otherwise a Honeycomb key sends to Honeycomb.
 */
function getExportFromEnv(
  env: Env,
  serviceName: string,
  warnings: string[],
): Pick<Extract<OtelConfig, { enabled: true }>, 'tracesUrl' | 'headers' | 'destination'> | undefined {
  const otlpHeaders = {
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
  };
  const tracesEndpoint = read(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const [name, value] of [
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', baseEndpoint],
  ] as const) {
    if (value === undefined) continue;
    if (/^https?:\/\//i.test(value) && URL.canParse(value)) {
      const tracesUrl = name === 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' ? value : otlpTracesUrl(value);
      return { tracesUrl, headers: otlpHeaders, destination: `OTLP ${tracesUrl}` };
    }
    warnings.push(ignoredSettingMessage(name, value, 'an http(s) URL', 'the next destination setting'));
  }
  const apiKey = read(env, 'HONEYCOMB_API_KEY');
  if (apiKey === undefined) return undefined;
  const endpoint = readUrl(env, 'HONEYCOMB_API_ENDPOINT', DEFAULTS.honeycombEndpoint, warnings);
  const honeycombHeaders = honeycombExportHeaders(apiKey, serviceName);
  const tracesUrl = otlpTracesUrl(endpoint);
  return { tracesUrl, headers: { ...honeycombHeaders, ...otlpHeaders }, destination: `Honeycomb ${tracesUrl}` };
}

/**
 * `OTEL_TRACES_SAMPLER` when set explicitly (its `parentbased_` forms and plain forms alike: a caller's
 * decision is always kept); otherwise X-Ray's sampling rules when X-Ray is on, else every request.
 */
export function getRootSamplerFromEnv(env: Env, xrayEnabled: boolean, warnings: string[]): RootSampler {
  const fallback: RootSampler = xrayEnabled ? { kind: 'xray-rules' } : { kind: 'always_on' };
  const raw = read(env, 'OTEL_TRACES_SAMPLER');
  if (raw === undefined) return fallback;
  const name = raw.toLowerCase().replace(/^parentbased_/, '');
  if (name === 'always_on' || name === 'always_off') return { kind: name };
  if (name === 'traceidratio') {
    const arg = read(env, 'OTEL_TRACES_SAMPLER_ARG') ?? '1';
    const ratio = Number(arg);
    if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 1) return { kind: 'ratio', ratio };
    warnings.push(ignoredSettingMessage('OTEL_TRACES_SAMPLER_ARG', arg, 'a number from 0 to 1', '1'));
    return { kind: 'ratio', ratio: 1 };
  }
  const fallbackName = fallback.kind === 'xray-rules' ? "X-Ray's sampling rules" : 'always_on';
  warnings.push(
    ignoredSettingMessage(
      'OTEL_TRACES_SAMPLER',
      raw,
      '[parentbased_]always_on, always_off or traceidratio',
      fallbackName,
    ),
  );
  return fallback;
}

export function getOtelConfigFromEnv(env: Env, xrayEnabled: boolean, warnings: string[]): OtelConfig {
  if (readBoolean(env, 'OTEL_SDK_DISABLED', false, warnings))
    return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  const protocol = read(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? read(env, 'OTEL_EXPORTER_OTLP_PROTOCOL');
  if (protocol !== undefined && protocol !== 'http/protobuf') {
    warnings.push(
      ignoredSettingMessage(
        'OTEL_EXPORTER_OTLP_PROTOCOL',
        protocol,
        'http/protobuf (the only exporter this backend ships)',
        'http/protobuf',
      ),
    );
  }
  const serviceName = serviceNameFromEnv(env);
  const destination = getExportFromEnv(env, serviceName, warnings);
  if (!destination) return { enabled: false, reason: 'no HONEYCOMB_API_KEY or OTEL_EXPORTER_OTLP_ENDPOINT' };
  return { enabled: true, serviceName, ...destination, rootSampler: getRootSamplerFromEnv(env, xrayEnabled, warnings) };
}

const CONTEXT_MISSING: readonly XrayContextMissing[] = ['LOG_ERROR', 'RUNTIME_ERROR', 'IGNORE_ERROR'];

export function getXrayConfigFromEnv(env: Env, warnings: string[]): XrayConfig {
  if (!readBoolean(env, 'AWS_XRAY_SDK_ENABLED', true, warnings))
    return { enabled: false, reason: 'AWS_XRAY_SDK_ENABLED=false' };
  let daemonAddress = read(env, 'AWS_XRAY_DAEMON_ADDRESS') ?? DEFAULTS.xrayDaemonAddress;
  if (!parseDaemonAddress(daemonAddress)) {
    warnings.push(
      ignoredSettingMessage(
        'AWS_XRAY_DAEMON_ADDRESS',
        daemonAddress,
        'host:port or "tcp:host:port udp:host:port"',
        DEFAULTS.xrayDaemonAddress,
      ),
    );
    daemonAddress = DEFAULTS.xrayDaemonAddress;
  }
  const rawMissing = read(env, 'AWS_XRAY_CONTEXT_MISSING');
  let contextMissing: XrayContextMissing = 'LOG_ERROR';
  if (rawMissing !== undefined) {
    const known = CONTEXT_MISSING.find((strategy) => strategy === rawMissing.toUpperCase());
    if (known) contextMissing = known;
    else
      warnings.push(
        ignoredSettingMessage('AWS_XRAY_CONTEXT_MISSING', rawMissing, CONTEXT_MISSING.join(', '), 'LOG_ERROR'),
      );
  }
  return {
    enabled: true,
    daemonAddress,
    segmentName: DEFAULTS.xraySegmentName,
    dynamicNamingPattern: read(env, 'AWS_XRAY_URL'),
    contextMissing,
  };
}

export function getRollbarConfigFromEnv(env: Env, warnings: string[]): RollbarConfig {
  const accessToken = read(env, 'ROLLBAR_ACCESS_TOKEN');
  if (accessToken === undefined) return { enabled: false, reason: 'no ROLLBAR_ACCESS_TOKEN' };
  return {
    enabled: true,
    accessToken,
    environment: read(env, 'ROLLBAR_ENVIRONMENT') ?? DEFAULTS.rollbarEnvironment,
    endpoint: readUrl(env, 'ROLLBAR_ENDPOINT', DEFAULTS.rollbarEndpoint, warnings),
    codeVersion: read(env, 'GIT_COMMIT'),
  };
}

export function getXrayPipelineFromEnv(env: Env, warnings: string[]): XrayPipeline {
  const raw = read(env, 'CRUDDUR_XRAY_PIPELINE');
  if (raw === undefined) return DEFAULTS.xrayPipeline as XrayPipeline;
  const known = XRAY_PIPELINES.find((pipeline) => pipeline === raw.toLowerCase());
  if (known) return known;
  warnings.push(
    ignoredSettingMessage('CRUDDUR_XRAY_PIPELINE', raw, XRAY_PIPELINES.join(' or '), DEFAULTS.xrayPipeline),
  );
  return DEFAULTS.xrayPipeline as XrayPipeline;
}

/** X-Ray through OpenTelemetry; off in the `sdk` pipeline, with X-Ray or OpenTelemetry off, or without a region. */
export function getXrayOtlpConfigFromEnv(env: Env, pipeline: XrayPipeline, warnings: string[]): XrayOtlpConfig {
  if (pipeline !== 'otel') return { enabled: false, reason: 'CRUDDUR_XRAY_PIPELINE=sdk' };
  if (!readBoolean(env, 'AWS_XRAY_SDK_ENABLED', true, []))
    return { enabled: false, reason: 'AWS_XRAY_SDK_ENABLED=false' };
  if (readBoolean(env, 'OTEL_SDK_DISABLED', false, []))
    return {
      enabled: false,
      reason: 'OTEL_SDK_DISABLED=true (CRUDDUR_XRAY_PIPELINE=otel sends X-Ray through OpenTelemetry)',
    };
  const region = read(env, 'AWS_REGION') ?? read(env, 'AWS_DEFAULT_REGION');
  if (region === undefined) return { enabled: false, reason: 'no AWS_REGION' };
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    warnings.push(
      `AWS_REGION=${JSON.stringify(region)} is not a region name (e.g. us-east-1); X-Ray through OpenTelemetry stays off.`,
    );
    return { enabled: false, reason: 'AWS_REGION is not a region name' };
  }
  const defaultApi = xrayOtlpTracesUrl(region).replace(/\/v1\/traces$/, '');
  const apiUrl = readUrl(env, 'AWS_ENDPOINT_URL_XRAY', defaultApi, warnings).replace(/\/+$/, '');
  return { enabled: true, tracesUrl: otlpTracesUrl(apiUrl), apiUrl, region, serviceName: DEFAULTS.xraySegmentName };
}

function readPositiveInteger(env: Env, name: string, warnings: string[]): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  warnings.push(
    ignoredSettingMessage(name, raw, 'a whole number of milliseconds above 0', 'the next setting or 10000'),
  );
  return undefined;
}

export function getOtlpExportSettingsFromEnv(env: Env, warnings: string[]): OtlpExportSettings {
  const timeoutMs =
    readPositiveInteger(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', warnings) ??
    readPositiveInteger(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', warnings) ??
    10_000;
  const rawCompression =
    read(env, 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION') ?? read(env, 'OTEL_EXPORTER_OTLP_COMPRESSION');
  let compression: OtlpExportSettings['compression'] = 'none';
  if (rawCompression !== undefined) {
    if (rawCompression.toLowerCase() === 'gzip') compression = 'gzip';
    else if (rawCompression.toLowerCase() !== 'none')
      warnings.push(ignoredSettingMessage('OTEL_EXPORTER_OTLP_COMPRESSION', rawCompression, 'gzip or none', 'none'));
  }
  return { timeoutMs, compression };
}

export function getDiagnosticsFromEnv(env: Env, warnings: string[]): boolean {
  const raw = read(env, DIAGNOSTICS_VARIABLE);
  const enabled = diagnosticsEnabled(env);
  if (raw !== undefined && !/^(on|off|true|false|1|0)$/i.test(raw)) {
    warnings.push(
      ignoredSettingMessage(DIAGNOSTICS_VARIABLE, raw, 'on or off', enabled ? 'on' : 'off (NODE_ENV=production)'),
    );
  }
  return enabled;
}

export function parseTelemetryConfig(env: Env): TelemetryConfig {
  const warnings: string[] = [];
  const xrayPipeline = getXrayPipelineFromEnv(env, warnings);
  const xray: XrayConfig =
    xrayPipeline === 'sdk'
      ? getXrayConfigFromEnv(env, warnings)
      : {
          enabled: false,
          reason: 'CRUDDUR_XRAY_PIPELINE=otel: X-Ray through OpenTelemetry, the X-Ray SDK is not loaded',
        };
  const xrayOtlp = getXrayOtlpConfigFromEnv(env, xrayPipeline, warnings);
  const xrayOn = xray.enabled || xrayOtlp.enabled;
  const otel = getOtelConfigFromEnv(env, xrayOn, warnings);
  const rootSampler = otel.enabled
    ? otel.rootSampler
    : getRootSamplerFromEnv(env, xrayOn, xrayOtlp.enabled ? warnings : []);
  const rollbar = getRollbarConfigFromEnv(env, warnings);
  const otlpExport = getOtlpExportSettingsFromEnv(env, otel.enabled || xrayOtlp.enabled ? warnings : []);
  const diagnostics = getDiagnosticsFromEnv(env, warnings);
  return Object.freeze({
    otel,
    xray,
    rollbar,
    xrayPipeline,
    xrayOtlp,
    otlpExport,
    rootSampler,
    diagnostics,
    warnings: Object.freeze(warnings),
  });
}
