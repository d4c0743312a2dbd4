/**
 * Rollbar: a `post_server_item` token cannot read items back, so the proof is an item carrying the
 * trace id (`custom.trace_id`, as the backend's items do) accepted by the same endpoint and token.
 */
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import { maskSecret } from '../../output/mask.js';
import { pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';

type Rollbar = NonNullable<ToolkitConfig['rollbar']>;

export function rollbarOccurrenceLink(uuid: string): string {
  return `https://rollbar.com/occurrence/uuid/?uuid=${encodeURIComponent(uuid)}`;
}

export function verifyItem(probe: TraceProbe, environment: string): unknown {
  return {
    data: {
      environment,
      level: 'info',
      platform: 'node',
      language: 'javascript',
      body: { message: { body: `verify-traces: trace ${probe.traceId} was sent to the backend` } },
      custom: { trace_id: probe.traceId, otel_trace_id: probe.otelTraceId, paths: probe.sent.map(({ request }) => request.path) },
    },
  };
}

async function postOnce(rollbar: Rollbar, probe: TraceProbe): Promise<string | undefined> {
  const response = await fetch(rollbar.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': rollbar.token },
    body: JSON.stringify(verifyItem(probe, rollbar.environment)),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = (await response.json().catch(() => ({}))) as { err?: number; message?: string; result?: { uuid?: string } };
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(`Rollbar refused ROLLBAR_ACCESS_TOKEN ${maskSecret(rollbar.token)} (HTTP ${response.status}: ${answer.message ?? 'no message'})`, 'use a post_server_item token (Project → Settings → Project Access Tokens) in ROLLBAR_ACCESS_TOKEN');
  }
  if (response.ok && answer.err === 0 && answer.result?.uuid) return answer.result.uuid;
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw new ToolkitError(`Rollbar refused the item at ${rollbar.endpoint} (HTTP ${response.status}: ${answer.message ?? 'no message'})`, 'check ROLLBAR_ENDPOINT ends in /api/1/item/');
  }
  throw new Error(`HTTP ${response.status}`);
}

export function rollbarDestination(rollbar: Rollbar): Destination {
  return {
    name: 'rollbar',
    async verify(probe: TraceProbe) {
      const outcome = await pollUntil(() => postOnce(rollbar, probe), probe.sentAtMs + probe.timeoutMs);
      if (!outcome.found) {
        throw new ToolkitError(`Rollbar did not accept an item at ${rollbar.endpoint} within ${Math.round(probe.timeoutMs / 1000)} s (${String(outcome.lastError)})`, 'check your network or proxy and status.rollbar.com, then rerun');
      }
      return { link: rollbarOccurrenceLink(outcome.value) };
    },
  };
}
