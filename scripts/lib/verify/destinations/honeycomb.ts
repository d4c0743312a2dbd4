/**
 * Honeycomb has no API to read a trace back (outside Enterprise), so the proof is: the key is valid
 * and may send events (`/1/auth`), and an OTLP export into this very trace, sent exactly as the
 * backend's exporter sends it (same endpoint, headers and dataset), is accepted. The link opens the trace.
 */
import { honeycombExportHeaders, maskSecret } from '@cruddur/trace-contract';
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import { honeycombTraceLinkFor, verifyHoneycombKeyCanSend } from '../../honeycomb.js';
import { pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';
import { encodeVerifySpan } from '../verify-span.js';

type Honeycomb = NonNullable<ToolkitConfig['honeycomb']>;

async function exportOnce(url: string, headers: Record<string, string>, body: Uint8Array, honeycomb: Honeycomb): Promise<true | undefined> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  if (response.ok) return true;
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(`Honeycomb refused the export with HONEYCOMB_API_KEY ${maskSecret(honeycomb.apiKey)} (HTTP ${response.status})`, 'use an ingest key with the "Send Events" permission in HONEYCOMB_API_KEY');
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw new ToolkitError(`Honeycomb refused the export at ${url} (HTTP ${response.status}: ${(await response.text()).slice(0, 200)})`, 'check HONEYCOMB_API_ENDPOINT is https://api.honeycomb.io or https://api.eu1.honeycomb.io');
  }
  throw new Error(`HTTP ${response.status}`);
}

export function honeycombDestination(honeycomb: Honeycomb, serviceName: string): Destination {
  return {
    name: 'honeycomb',
    async verify(probe: TraceProbe) {
      const auth = await verifyHoneycombKeyCanSend(honeycomb);
      const url = `${honeycomb.endpoint}/v1/traces`;
      const body = await encodeVerifySpan(probe, serviceName);
      const outcome = await pollUntil(() => exportOnce(url, { 'content-type': 'application/x-protobuf', ...honeycombExportHeaders(honeycomb.apiKey, serviceName, auth.keyKind) }, body, honeycomb), probe.sentAtMs + probe.timeoutMs);
      if (!outcome.found) {
        throw new ToolkitError(`Honeycomb did not accept an export at ${url} within ${Math.round(probe.timeoutMs / 1000)} s (${String(outcome.lastError)})`, 'check your network or proxy and status.honeycomb.io, then rerun');
      }
      return { link: honeycombTraceLinkFor(auth, { endpoint: honeycomb.endpoint, dataset: serviceName, traceId: probe.traceId, startedAt: new Date(probe.sentAtMs) }) };
    },
  };
}
