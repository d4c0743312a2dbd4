/**
 * The backend's environment in local mode: the config's `env` (process env over `.env`), pointed at the inspector for all
 * three telemetry paths. Cloud destinations are removed so a Honeycomb key never leaves for the
 * inspector and no exporter setting can send spans elsewhere.
 */
import type { ToolkitConfig } from '../../config/parse.js';

/** Not a secret: the inspector takes any token, and Rollbar stays off without one. */
export const LOCAL_ROLLBAR_TOKEN = 'local-inspector';

/** How often the backend exports spans in local mode (`OTEL_BSP_SCHEDULE_DELAY`, ms). */
export const LOCAL_SPAN_FLUSH_MS = '1000';

/** The backend's delivery record (`GET /_cruddur/telemetry`) is on in the toolkit's own stacks. */
export const LOCAL_DIAGNOSTICS = 'on';

const CLOUD_ONLY = [
  'HONEYCOMB_API_KEY',
  'HONEYCOMB_API_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
] as const;

export function inspectorUrl(config: ToolkitConfig): string {
  return `http://127.0.0.1:${config.inspector.httpPort}`;
}

export function backendPort(config: ToolkitConfig): number {
  const url = new URL(config.backendUrl);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

export function localBackendEnv(config: ToolkitConfig): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(config.env).filter(([name]) => !(CLOUD_ONLY as readonly string[]).includes(name)),
  );
  const inspector = inspectorUrl(config);
  return {
    // Spans reach the local inspector within a second instead of OTel's default 5 s; yours wins.
    OTEL_BSP_SCHEDULE_DELAY: LOCAL_SPAN_FLUSH_MS,
    // verify-traces reads the delivery record; yours wins here too.
    CRUDDUR_DIAGNOSTICS: LOCAL_DIAGNOSTICS,
    ...env,
    PORT: String(backendPort(config)),
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${config.inspector.xrayPort}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: inspector,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    ROLLBAR_ACCESS_TOKEN: LOCAL_ROLLBAR_TOKEN,
    ROLLBAR_ENDPOINT: `${inspector}/api/1/item/`,
  };
}
