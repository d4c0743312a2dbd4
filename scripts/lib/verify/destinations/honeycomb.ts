/**
 * Honeycomb: `delivered` when the backend's own OTLP exports carrying this trace were accepted (its
 * delivery record); `stored` when a configuration key that may run queries (`HONEYCOMB_QUERY_KEY`, the
 * Enterprise Query Data API) counts the trace's spans in the dataset. The link opens the trace when
 * the toolkit holds the same ingest key (`/1/auth` names team and environment).
 */
import type { PathTarget } from '@cruddur/trace-contract';
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import {
  countTraceSpans,
  createTraceSpanQuery,
  fetchHoneycombAuth,
  honeycombTraceLinkFor,
  type HoneycombQuerySettings,
} from '../../honeycomb.js';
import { expectedSpanCount } from '../delivery.js';
import { RESTART_FIX } from '../fixes.js';
import { describeNotFound, pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';
import { proveDelivered } from './exports.js';

export interface HoneycombSettings {
  /** Where the backend sends, from its record. */
  target: PathTarget;
  /** The toolkit's key and endpoint, when it has them. */
  toolkit: ToolkitConfig['honeycomb'];
  serviceName: string;
  /** A key that may run queries, for `stored`. */
  queryKey: string | undefined;
  disagreement?: ToolkitError;
  credentialNote?: string;
}

const KEY_FIX = `put an ingest key with the "Send Events" permission in HONEYCOMB_API_KEY (npm run check-credentials proves it), then ${RESTART_FIX}`;

async function traceLink(settings: HoneycombSettings, probe: TraceProbe): Promise<string | undefined> {
  if (settings.toolkit === undefined) return undefined;
  try {
    const auth = await fetchHoneycombAuth(settings.toolkit);
    return honeycombTraceLinkFor(auth, {
      endpoint: settings.toolkit.endpoint,
      dataset: settings.target.dataset ?? settings.serviceName,
      traceId: probe.traceId,
      startedAt: new Date(probe.sentAtMs),
    });
  } catch {
    // The link is a convenience; the proof stands without it.
    return undefined;
  }
}

async function proveStored(probe: TraceProbe, query: HoneycombQuerySettings, minimum: number): Promise<void> {
  let queryId: string | undefined;
  let seen = 0;
  const outcome = await pollUntil(async () => {
    queryId ??= await createTraceSpanQuery(query, probe.otelTraceId);
    const count = await countTraceSpans(query, queryId);
    seen = count ?? seen;
    return count !== undefined && count >= minimum ? count : undefined;
  }, probe.sentAtMs + probe.timeoutMs);
  if (outcome.found) return;
  throw new ToolkitError(
    `Honeycomb accepted the backend's spans, but a query in dataset ${query.dataset} finds ${seen} of ${minimum} ${describeNotFound(outcome, probe.timeoutMs)}`,
    'check HONEYCOMB_QUERY_KEY belongs to the environment the backend sends to, and the dataset: environment keys store spans under service.name (OTEL_SERVICE_NAME)',
  );
}

export function honeycombDestination(settings: HoneycombSettings): Destination {
  return {
    name: 'honeycomb',
    async verify(probe: TraceProbe) {
      const minimum = expectedSpanCount(probe.sent);
      await proveDelivered(probe, {
        path: 'otel',
        target: settings.target,
        label: 'Honeycomb',
        unit: 'spans',
        minimum,
        credentialFix: KEY_FIX,
        credentialNote: settings.credentialNote,
      });
      if (settings.disagreement) throw settings.disagreement;
      const link = await traceLink(settings, probe);
      if (settings.queryKey === undefined) return { proof: 'delivered', ...(link !== undefined && { link }) };
      const query = {
        endpoint: new URL(settings.target.address).origin,
        queryKey: settings.queryKey,
        dataset: settings.target.dataset ?? settings.serviceName,
      };
      await proveStored(probe, query, minimum);
      return { proof: 'stored', ...(link !== undefined && { link }) };
    },
  };
}
