/**
 * Local mode: the inspector holds the X-Ray segments, the OTel spans and the Rollbar item of the
 * trace. Proven through its API, with the same expectations as the cloud destinations (`stored`); when
 * something is missing, the backend's delivery record names the broken link if it recorded one.
 */
import type { DeliveryRecord } from '@cruddur/trace-contract';
import type { TraceView } from '@cruddur/inspector';
import { ToolkitError } from '../../errors.js';
import { firstBrokenLink } from '../delivery.js';
import { itemGaps, otelGaps, xrayGaps } from '../expectations.js';
import { pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';

export interface LocalSettings {
  inspectorUrl: string;
  xrayPort: number;
  xrayUrlPattern: string | undefined;
  /** What the backend runs and where it sends (its delivery record), to name a broken link it recorded. */
  paths: DeliveryRecord['paths'];
}

const START_FIX = 'start local mode with npm run setup -- --mode local (or docker compose --profile local up)';

export async function inspectorAnswers(inspectorUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${inspectorUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok && ((await response.json()) as { service?: string }).service === 'cruddur-inspector';
  } catch {
    return false;
  }
}

/** The fix for what is missing: a whole path (wiring) or parts of one (instrumentation). */
function fixFor(view: TraceView | undefined, settings: LocalSettings): string {
  if (!view || (view.counts.segments === 0 && view.counts.spans === 0))
    return `check the backend runs with the env npm run setup gives it (AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:${settings.xrayPort}, OTEL_EXPORTER_OTLP_ENDPOINT=${settings.inspectorUrl}); its log is .cruddur/backend.log`;
  if (view.counts.segments === 0)
    return `the backend must send X-Ray segments to udp 127.0.0.1:${settings.xrayPort}: set AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:${settings.xrayPort} and do not set AWS_XRAY_SDK_ENABLED=false`;
  if (view.counts.spans === 0)
    return `the backend must export OTLP to the inspector: set OTEL_EXPORTER_OTLP_ENDPOINT=${settings.inspectorUrl} and do not set OTEL_SDK_DISABLED=true`;
  if (view.counts.items === 0)
    return `the backend must report to the inspector: set ROLLBAR_ACCESS_TOKEN (any value) and ROLLBAR_ENDPOINT=${settings.inspectorUrl}/api/1/item/`;
  return "the backend's instrumentation must create the segments, subsegments and spans named in the API doc (see issue 3)";
}

export function localDestination(settings: LocalSettings): Destination {
  return {
    name: 'local',
    async verify(probe: TraceProbe) {
      if (!(await inspectorAnswers(settings.inspectorUrl))) {
        throw new ToolkitError(`the trace inspector at ${settings.inspectorUrl} does not answer`, START_FIX);
      }
      let last: TraceView | undefined;
      let gaps = ['nothing arrived'];
      const outcome = await pollUntil(async () => {
        const response = await fetch(`${settings.inspectorUrl}/api/traces/${probe.traceId}`, {
          signal: AbortSignal.timeout(5_000),
        });
        if (response.status === 404) return undefined;
        if (!response.ok) throw new Error(`inspector answered HTTP ${response.status}`);
        last = (await response.json()) as TraceView;
        gaps = [
          ...xrayGaps(last.xray, probe.sent, settings.xrayUrlPattern),
          ...otelGaps(last.otel, probe.sent),
          ...itemGaps(last.items, probe.sent),
        ];
        return gaps.length === 0 ? last : undefined;
      }, probe.sentAtMs + probe.timeoutMs);
      if (!outcome.found) {
        const recorded = firstBrokenLink(await probe.readDelivery(), settings.paths, probe.sent, 'the trace inspector');
        if (recorded) throw recorded;
        throw new ToolkitError(
          `the inspector does not hold the whole trace after ${Math.round(probe.timeoutMs / 1000)} s: ${gaps.join('; ')}`,
          fixFor(last, settings),
        );
      }
      return { proof: 'stored', link: `${settings.inspectorUrl}/#/traces/${probe.traceId}` };
    },
  };
}
