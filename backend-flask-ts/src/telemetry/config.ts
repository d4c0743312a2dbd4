/**
 * The three telemetry paths' settings, read from the environment by pure functions (env in, frozen
 * config out) so every rule is tested as a table. Nothing here throws: a value that cannot be used
 * becomes a warning naming the variable, the value, what is allowed and the fallback. Secrets (the
 * Honeycomb key, the Rollbar token) are never echoed in a warning.
 */
import { DEFAULTS, honeycombExportHeaders, otlpTracesUrl, parseDaemonAddress, parseKeyValueList, serviceNameFromEnv } from '@cruddur/trace-contract';

export type Env = Readonly<Record<string, string | undefined>>;

/** Who makes the sampling decision for a request that arrives without one. */
export type RootSampler =
  | { kind: 'xray-rules' }
  | { kind: 'always_on' }
  | { kind: 'always_off' }
  | { kind: 'ratio'; ratio: number };

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

export interface TelemetryConfig {
  otel: OtelConfig;
  xray: XrayConfig;
  rollbar: RollbarConfig;
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
  return Object.fromEntries(Object.entries(parseKeyValueList(read(env, name))).map(([key, value]) => [key.toLowerCase(), value]));
}

/**
 * Where spans go. An explicit OTLP endpoint wins and gets only the explicit OTLP headers (the
 * Honeycomb key is not sent to another destination); otherwise a Honeycomb key sends to Honeycomb.
 */
function getExportFromEnv(env: Env, serviceName: string, warnings: string[]): Pick<Extract<OtelConfig, { enabled: true }>, 'tracesUrl' | 'headers' | 'destination'> | undefined {
  const otlpHeaders = { ...readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...readHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') };
  const tracesEndpoint = read(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const [name, value] of [['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint], ['OTEL_EXPORTER_OTLP_ENDPOINT', baseEndpoint]] as const) {
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
  warnings.push(ignoredSettingMessage('OTEL_TRACES_SAMPLER', raw, '[parentbased_]always_on, always_off or traceidratio', fallbackName));
  return fallback;
}

export function getOtelConfigFromEnv(env: Env, xrayEnabled: boolean, warnings: string[]): OtelConfig {
  if (readBoolean(env, 'OTEL_SDK_DISABLED', false, warnings)) return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  const protocol = read(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? read(env, 'OTEL_EXPORTER_OTLP_PROTOCOL');
  if (protocol !== undefined && protocol !== 'http/protobuf') {
    warnings.push(ignoredSettingMessage('OTEL_EXPORTER_OTLP_PROTOCOL', protocol, 'http/protobuf (the only exporter this backend ships)', 'http/protobuf'));
  }
  const serviceName = serviceNameFromEnv(env);
  const destination = getExportFromEnv(env, serviceName, warnings);
  if (!destination) return { enabled: false, reason: 'no HONEYCOMB_API_KEY or OTEL_EXPORTER_OTLP_ENDPOINT' };
  return { enabled: true, serviceName, ...destination, rootSampler: getRootSamplerFromEnv(env, xrayEnabled, warnings) };
}

const CONTEXT_MISSING: readonly XrayContextMissing[] = ['LOG_ERROR', 'RUNTIME_ERROR', 'IGNORE_ERROR'];

export function getXrayConfigFromEnv(env: Env, warnings: string[]): XrayConfig {
  if (!readBoolean(env, 'AWS_XRAY_SDK_ENABLED', true, warnings)) return { enabled: false, reason: 'AWS_XRAY_SDK_ENABLED=false' };
  let daemonAddress = read(env, 'AWS_XRAY_DAEMON_ADDRESS') ?? DEFAULTS.xrayDaemonAddress;
  if (!parseDaemonAddress(daemonAddress)) {
    warnings.push(ignoredSettingMessage('AWS_XRAY_DAEMON_ADDRESS', daemonAddress, 'host:port or "tcp:host:port udp:host:port"', DEFAULTS.xrayDaemonAddress));
    daemonAddress = DEFAULTS.xrayDaemonAddress;
  }
  const rawMissing = read(env, 'AWS_XRAY_CONTEXT_MISSING');
  let contextMissing: XrayContextMissing = 'LOG_ERROR';
  if (rawMissing !== undefined) {
    const known = CONTEXT_MISSING.find((strategy) => strategy === rawMissing.toUpperCase());
    if (known) contextMissing = known;
    else warnings.push(ignoredSettingMessage('AWS_XRAY_CONTEXT_MISSING', rawMissing, CONTEXT_MISSING.join(', '), 'LOG_ERROR'));
  }
  return { enabled: true, daemonAddress, segmentName: DEFAULTS.xraySegmentName, dynamicNamingPattern: read(env, 'AWS_XRAY_URL'), contextMissing };
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

export function parseTelemetryConfig(env: Env): TelemetryConfig {
  const warnings: string[] = [];
  const xray = getXrayConfigFromEnv(env, warnings);
  const otel = getOtelConfigFromEnv(env, xray.enabled, warnings);
  const rollbar = getRollbarConfigFromEnv(env, warnings);
  return Object.freeze({ otel, xray, rollbar, warnings: Object.freeze(warnings) });
}
