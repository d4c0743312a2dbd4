/**
 * Rollbar: a `post_server_item` token cannot read items back, so the proof is an item carrying the
 * trace id (`custom.trace_id`, as the backend's items do) accepted by the same endpoint and token.
 */
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import { postRollbarItem, rollbarInfoItem } from '../../rollbar.js';
import { pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';

type Rollbar = NonNullable<ToolkitConfig['rollbar']>;

export function rollbarOccurrenceLink(uuid: string): string {
  return `https://rollbar.com/occurrence/uuid/?uuid=${encodeURIComponent(uuid)}`;
}

export function verifyItem(probe: TraceProbe, environment: string): unknown {
  return rollbarInfoItem(environment, `verify-traces: trace ${probe.traceId} was sent to the backend`, {
    trace_id: probe.traceId,
    otel_trace_id: probe.otelTraceId,
    paths: probe.sent.map(({ request }) => request.path),
  });
}

export function rollbarDestination(rollbar: Rollbar): Destination {
  return {
    name: 'rollbar',
    async verify(probe: TraceProbe) {
      const outcome = await pollUntil(() => postRollbarItem(rollbar, verifyItem(probe, rollbar.environment)), probe.sentAtMs + probe.timeoutMs);
      if (!outcome.found) {
        throw new ToolkitError(`Rollbar did not accept an item at ${rollbar.endpoint} within ${Math.round(probe.timeoutMs / 1000)} s (${String(outcome.lastError)})`, 'check your network or proxy and status.rollbar.com, then rerun');
      }
      return { link: rollbarOccurrenceLink(outcome.value) };
    },
  };
}
