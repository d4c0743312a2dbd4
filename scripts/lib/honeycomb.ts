/**
 * Honeycomb's key check (`GET /1/auth`) and trace links. No Honeycomb API reads a trace back outside
 * the Enterprise plan, so "the key is valid and may send events" plus a link is what can be proven.
 */
import {
  classifyHoneycombKey,
  honeycombAuthSlugs,
  honeycombAuthUrl,
  honeycombTraceLink,
  HONEYCOMB_TEAM_HEADER,
  maskSecret,
  toOtelTraceId,
  type HoneycombKeyKind,
} from '@cruddur/trace-contract';
import { ToolkitError } from './errors.js';

export interface HoneycombAuth {
  team: { name: string; slug: string };
  /** Undefined for classic keys, which belong to no environment. */
  environment: { name: string; slug: string } | undefined;
  /** `api_key_access` as Honeycomb returns it, e.g. `{ events: true, markers: false, … }`. */
  apiKeyAccess: Readonly<Record<string, boolean>>;
  keyKind: HoneycombKeyKind;
}

export interface HoneycombSettings {
  apiKey: string;
  /** Base URL without a trailing slash: `https://api.honeycomb.io` or `https://api.eu1.honeycomb.io`. */
  endpoint: string;
}

const FIX_KEY =
  'create an ingest key in Honeycomb (Environment settings → API Keys) and set HONEYCOMB_API_KEY; EU accounts also set HONEYCOMB_API_ENDPOINT=https://api.eu1.honeycomb.io';

/** The `/1/auth` body as typed data; an answer of another shape is not Honeycomb's. */
export function parseHoneycombAuth(body: unknown, apiKey: string, endpoint: string): HoneycombAuth {
  const { team, environment } = honeycombAuthSlugs(body);
  const access =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).api_key_access : undefined;
  if (team === undefined || typeof access !== 'object' || access === null) {
    throw new ToolkitError(
      `${endpoint}/1/auth answered without team and api_key_access`,
      "check HONEYCOMB_API_ENDPOINT points at Honeycomb's API (https://api.honeycomb.io or https://api.eu1.honeycomb.io)",
    );
  }
  const apiKeyAccess = Object.freeze(
    Object.fromEntries(Object.entries(access).map(([name, allowed]) => [name, allowed === true])),
  );
  return Object.freeze({
    team,
    environment,
    apiKeyAccess,
    keyKind: environment === undefined ? 'classic' : classifyHoneycombKey(apiKey),
  });
}

/** Validates the key against `GET {endpoint}/1/auth`; every failure names the cause and the fix. */
export async function fetchHoneycombAuth(honeycomb: HoneycombSettings, timeoutMs = 10_000): Promise<HoneycombAuth> {
  const url = honeycombAuthUrl(honeycomb.endpoint);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { [HONEYCOMB_TEAM_HEADER]: honeycomb.apiKey },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new ToolkitError(
      `cannot reach Honeycomb at ${honeycomb.endpoint} (${cause})`,
      'check your network or proxy, and HONEYCOMB_API_ENDPOINT',
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(
      `Honeycomb rejected HONEYCOMB_API_KEY ${maskSecret(honeycomb.apiKey)} at ${honeycomb.endpoint} (HTTP ${response.status})`,
      FIX_KEY,
    );
  }
  if (!response.ok) {
    throw new ToolkitError(
      `Honeycomb answered HTTP ${response.status} at ${url}`,
      'retry in a minute; if it persists check HONEYCOMB_API_ENDPOINT and status.honeycomb.io',
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  return parseHoneycombAuth(body, honeycomb.apiKey, honeycomb.endpoint);
}

/** The key's check, plus the one permission a trace needs: sending events. */
export async function verifyHoneycombKeyCanSend(honeycomb: HoneycombSettings): Promise<HoneycombAuth> {
  const auth = await fetchHoneycombAuth(honeycomb);
  if (auth.apiKeyAccess.events !== true) {
    throw new ToolkitError(
      `Honeycomb key ${maskSecret(honeycomb.apiKey)} of team ${auth.team.slug} may not send events, so no span is stored`,
      'create an ingest key with the "Send Events" permission and set HONEYCOMB_API_KEY',
    );
  }
  return auth;
}

/** A link that opens a trace in Honeycomb's UI, for the team and environment `/1/auth` named. */
export function honeycombTraceLinkFor(
  auth: Pick<HoneycombAuth, 'team' | 'environment'>,
  link: { endpoint: string; dataset: string; traceId: string; startedAt: Date },
): string {
  const otelTraceId = toOtelTraceId(link.traceId);
  if (otelTraceId === undefined) throw new Error(`not a trace id: ${JSON.stringify(link.traceId)}`);
  return honeycombTraceLink({
    team: auth.team.slug,
    environment: auth.environment?.slug,
    endpoint: link.endpoint,
    dataset: link.dataset,
    otelTraceId,
    startedAt: link.startedAt,
  });
}

/** What a trace query needs: where, with which key, in which dataset. */
export interface HoneycombQuerySettings {
  endpoint: string;
  queryKey: string;
  dataset: string;
}

const QUERY_KEY_FIX =
  'set HONEYCOMB_QUERY_KEY to a configuration key with the "Run Queries" permission (the Query Data API is part of the Enterprise plan), or unset it';

async function queryApi(
  settings: HoneycombQuerySettings,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(`${settings.endpoint}${path}`, {
      method,
      headers: { [HONEYCOMB_TEAM_HEADER]: settings.queryKey, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    // Retried by the caller's polling: Honeycomb may be briefly unreachable.
    throw new Error(
      `cannot reach Honeycomb at ${settings.endpoint} (${err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err)})`,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(
      `Honeycomb refused HONEYCOMB_QUERY_KEY ${maskSecret(settings.queryKey)} for the Query Data API (HTTP ${response.status})`,
      QUERY_KEY_FIX,
    );
  }
  if (!response.ok) throw new Error(`Honeycomb answered HTTP ${response.status} at ${path}`);
  return answer;
}

/** Creates the query "how many spans has this trace" in the dataset; answers its id. */
export async function createTraceSpanQuery(settings: HoneycombQuerySettings, otelTraceId: string): Promise<string> {
  const dataset = encodeURIComponent(settings.dataset);
  const query = await queryApi(settings, 'POST', `/1/queries/${dataset}`, {
    calculations: [{ op: 'COUNT' }],
    filters: [{ column: 'trace.trace_id', op: '=', value: otelTraceId }],
    time_range: 7200,
  });
  return String(query.id);
}

/** Runs the query once and reads its result: the span count, or undefined while Honeycomb computes it. */
export async function countTraceSpans(settings: HoneycombQuerySettings, queryId: string): Promise<number | undefined> {
  const dataset = encodeURIComponent(settings.dataset);
  const run = await queryApi(settings, 'POST', `/1/query_results/${dataset}`, {
    query_id: queryId,
    disable_series: true,
  });
  const result = await queryApi(settings, 'GET', `/1/query_results/${dataset}/${encodeURIComponent(String(run.id))}`);
  if (result.complete !== true) return undefined;
  const rows = (result.data as { results?: Array<{ data?: { COUNT?: number } }> } | undefined)?.results ?? [];
  return rows.reduce((sum, row) => sum + (row.data?.COUNT ?? 0), 0);
}
