/** The defaults every part agrees on: the backend, the scripts, the inspector, the fakes and the bench. */
export const DEFAULTS = Object.freeze({
  serviceName: 'backend-flask',
  xraySegmentName: 'backend-flask',
  honeycombEndpoint: 'https://api.honeycomb.io',
  rollbarEndpoint: 'https://api.rollbar.com/api/1/item/',
  rollbarEnvironment: 'development',
  xrayDaemonAddress: '127.0.0.1:2000',
  xrayPipeline: 'sdk',
  backendPort: 4567,
  backendUrl: 'http://127.0.0.1:4567',
  inspectorXrayPort: 2000,
  inspectorHttpPort: 4318,
  stateDir: '.cruddur',
});

/** The compose healthcheck's route; never traced. */
export const HEALTH_CHECK_PATH = '/api/health-check';

/** How the backend's spans reach X-Ray: the X-Ray SDK to a daemon, or OpenTelemetry to X-Ray's OTLP endpoint. */
export type XrayPipeline = 'sdk' | 'otel';
export const XRAY_PIPELINES: readonly XrayPipeline[] = ['sdk', 'otel'];

/** X-Ray's OTLP/HTTP traces endpoint in a region (SigV4, service `xray`). */
export function xrayOtlpTracesUrl(region: string): string {
  return `https://xray.${region}.amazonaws.com/v1/traces`;
}

/** The SigV4 service name X-Ray's OTLP endpoint verifies. */
export const XRAY_SIGV4_SERVICE = 'xray';

/** `k=v,k2=v2` with URL-encoded values, as `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_EXPORTER_OTLP_HEADERS` are written. */
export function parseKeyValueList(raw: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const entry of (raw ?? '').split(',')) {
    const separator = entry.indexOf('=');
    if (separator <= 0) continue;
    const key = entry.slice(0, separator).trim();
    try {
      pairs[key] = decodeURIComponent(entry.slice(separator + 1).trim());
    } catch {
      // A value that is not valid percent-encoding is skipped, as the SDK does.
    }
  }
  return pairs;
}

type Env = Readonly<Record<string, string | undefined>>;

const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** `OTEL_SERVICE_NAME`, then `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, then the seed's `HONEYCOMB_SERVICE_NAME`. */
export function serviceNameFromEnv(env: Env): string {
  const fromResource = parseKeyValueList(read(env, 'OTEL_RESOURCE_ATTRIBUTES'))['service.name'];
  return (
    read(env, 'OTEL_SERVICE_NAME') ??
    (fromResource || undefined) ??
    read(env, 'HONEYCOMB_SERVICE_NAME') ??
    DEFAULTS.serviceName
  );
}
