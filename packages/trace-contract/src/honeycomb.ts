/**
 * Honeycomb's rules: keys are sent as `x-honeycomb-team`; environment keys route spans by
 * `service.name`, classic keys (32 hex characters, or `hc?ic_` + 58) also need `x-honeycomb-dataset`;
 * the UI's trace link lives on the API host's `ui.` twin (US or EU).
 */

export type HoneycombKeyKind = 'environment' | 'classic';

export const HONEYCOMB_TEAM_HEADER = 'x-honeycomb-team';
export const HONEYCOMB_DATASET_HEADER = 'x-honeycomb-dataset';

const CLASSIC_KEY = /^([0-9a-f]{32}|hc[a-z]ic_[0-9a-z]{58})$/;

/** The kind a key's shape says. */
export function classifyHoneycombKey(apiKey: string): HoneycombKeyKind {
  return CLASSIC_KEY.test(apiKey) ? 'classic' : 'environment';
}

/** The headers an OTLP export to Honeycomb carries (the key is a secret: never print them). */
export function honeycombExportHeaders(
  apiKey: string,
  dataset: string,
  kind: HoneycombKeyKind = classifyHoneycombKey(apiKey),
): Record<string, string> {
  return { [HONEYCOMB_TEAM_HEADER]: apiKey, ...(kind === 'classic' && { [HONEYCOMB_DATASET_HEADER]: dataset }) };
}

/** `OTEL_EXPORTER_OTLP_ENDPOINT` and Honeycomb's endpoint are base URLs: the traces path is appended. */
export function otlpTracesUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

export interface HoneycombTraceLinkInput {
  team: string;
  /** The environment's slug; undefined for classic keys. */
  environment: string | undefined;
  /** The API endpoint; its `api.` host becomes the UI's `ui.` host. */
  endpoint: string;
  /** `service.name` for environment keys; the dataset name for classic keys. */
  dataset: string;
  /** OpenTelemetry spelling. */
  otelTraceId: string;
  startedAt: Date;
}

/** A link that opens the trace in Honeycomb's UI (format from Honeycomb's docs). */
export function honeycombTraceLink(input: HoneycombTraceLinkInput): string {
  const api = new URL(input.endpoint);
  const uiHost = api.hostname.startsWith('api.') ? `ui.${api.hostname.slice(4)}` : 'ui.honeycomb.io';
  const environment = input.environment ? `/environments/${encodeURIComponent(input.environment)}` : '';
  const path = `/${encodeURIComponent(input.team)}${environment}/datasets/${encodeURIComponent(input.dataset)}/trace`;
  const query = new URLSearchParams({
    trace_id: input.otelTraceId,
    trace_start_ts: String(Math.floor(input.startedAt.getTime() / 1000)),
  });
  return `https://${uiHost}${path}?${query}`;
}

export interface HoneycombSlug {
  name: string;
  slug: string;
}

function slugPair(value: unknown): HoneycombSlug | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, slug } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof slug === 'string' && slug !== '' ? { name, slug } : undefined;
}

/** The team and environment (undefined for classic keys) a `GET /1/auth` body names; undefined team when the body is not Honeycomb's. */
export function honeycombAuthSlugs(body: unknown): {
  team: HoneycombSlug | undefined;
  environment: HoneycombSlug | undefined;
} {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return { team: slugPair(record.team), environment: slugPair(record.environment) };
}

/** Honeycomb's key check: `GET` it with the key in the team header. */
export function honeycombAuthUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/1/auth`;
}
