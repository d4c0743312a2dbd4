/**
 * Honeycomb has no API to read a trace back (outside Enterprise), so the proof is `delivered`: the
 * backend's own OTLP exports carrying this trace were accepted by Honeycomb (its delivery record).
 * The link opens the trace when the toolkit holds the same key (`/1/auth` names team and environment).
 */
import type { PathTarget } from '@cruddur/trace-contract';
import type { ToolkitConfig } from '../../config/parse.js';
import type { ToolkitError } from '../../errors.js';
import { fetchHoneycombAuth, honeycombTraceLinkFor } from '../../honeycomb.js';
import { expectedSpanCount } from '../delivery.js';
import { RESTART_FIX } from '../fixes.js';
import type { Destination, TraceProbe } from '../types.js';
import { proveDelivered } from './exports.js';

export interface HoneycombSettings {
  /** Where the backend sends, from its record. */
  target: PathTarget;
  /** The toolkit's key and endpoint, when it has them. */
  toolkit: ToolkitConfig['honeycomb'];
  serviceName: string;
  disagreement?: ToolkitError;
  credentialNote?: string;
}

const KEY_FIX = `put an ingest key with the "Send Events" permission in HONEYCOMB_API_KEY (npm run check-credentials proves it), then ${RESTART_FIX}`;

async function traceLink(settings: HoneycombSettings, probe: TraceProbe): Promise<string | undefined> {
  if (settings.toolkit === undefined) return undefined;
  try {
    const auth = await fetchHoneycombAuth(settings.toolkit);
    return honeycombTraceLinkFor(auth, { endpoint: settings.toolkit.endpoint, dataset: settings.target.dataset ?? settings.serviceName, traceId: probe.traceId, startedAt: new Date(probe.sentAtMs) });
  } catch {
    // The link is a convenience; the proof stands without it.
    return undefined;
  }
}

export function honeycombDestination(settings: HoneycombSettings): Destination {
  return {
    name: 'honeycomb',
    async verify(probe: TraceProbe) {
      await proveDelivered(probe, {
        path: 'otel',
        target: settings.target,
        label: 'Honeycomb',
        unit: 'spans',
        minimum: expectedSpanCount(probe.sent),
        credentialFix: KEY_FIX,
        credentialNote: settings.credentialNote,
      });
      if (settings.disagreement) throw settings.disagreement;
      const link = await traceLink(settings, probe);
      return { proof: 'delivered', ...(link !== undefined && { link }) };
    },
  };
}
