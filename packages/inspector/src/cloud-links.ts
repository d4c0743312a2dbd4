/**
 * The page's links out, built from the cloud settings the environment holds: the X-Ray console (an
 * AWS region), Rollbar (a token), Honeycomb (a key; its team and environment come from `/1/auth`).
 * The link formats live in `@cruddur/trace-contract`.
 */
import {
  HONEYCOMB_TEAM_HEADER,
  honeycombAuthSlugs,
  honeycombAuthUrl,
  honeycombTraceLink,
  maskSecret,
  rollbarOccurrenceLink,
  toOtelTraceId,
  xrayConsoleLink,
} from '@cruddur/trace-contract';
import type { CloudSettings } from './config.js';
import type { LinkBuilders } from './web/links.js';

const AUTH_TIMEOUT_MS = 5_000;

async function honeycombLinks(honeycomb: NonNullable<CloudSettings['honeycomb']>): Promise<LinkBuilders['honeycomb']> {
  const key = maskSecret(honeycomb.apiKey);
  const response = await fetch(honeycombAuthUrl(honeycomb.endpoint), {
    headers: { [HONEYCOMB_TEAM_HEADER]: honeycomb.apiKey },
    signal: AbortSignal.timeout(AUTH_TIMEOUT_MS),
  }).catch((err: unknown) => {
    throw new Error(
      `cannot reach ${honeycomb.endpoint} (${err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err)})`,
    );
  });
  if (!response.ok)
    throw new Error(
      `${honeycomb.endpoint} answered HTTP ${response.status} for HONEYCOMB_API_KEY ${key} (npm run check-credentials says more)`,
    );
  const { team, environment } = honeycombAuthSlugs(await response.json().catch(() => undefined));
  if (team === undefined)
    throw new Error(`${honeycomb.endpoint}/1/auth answered without a team; check HONEYCOMB_API_ENDPOINT`);
  return (traceId, startedAt) =>
    honeycombTraceLink({
      team: team.slug,
      environment: environment?.slug,
      endpoint: honeycomb.endpoint,
      dataset: honeycomb.dataset,
      otelTraceId: toOtelTraceId(traceId) ?? traceId,
      startedAt,
    });
}

/** A Honeycomb key that cannot be checked costs the link, never the inspector: `note` says why. */
export async function cloudLinks(cloud: CloudSettings, note: (line: string) => void): Promise<LinkBuilders> {
  const builders: LinkBuilders = {};
  const region = cloud.awsRegion;
  if (region) builders.xray = (traceId) => xrayConsoleLink(region, traceId);
  if (cloud.rollbar) builders.rollbar = rollbarOccurrenceLink;
  if (cloud.honeycomb) {
    try {
      builders.honeycomb = await honeycombLinks(cloud.honeycomb);
    } catch (err) {
      note(`no Honeycomb links on the page: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return builders;
}
