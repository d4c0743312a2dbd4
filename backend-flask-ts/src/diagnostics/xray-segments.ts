/**
 * X-Ray segments into the delivery record, from the segment emitter's send callback: `handed-over`
 * once the datagram is written to the daemon's UDP port (UDP has no acknowledgement), `dropped` when
 * the send failed (too large for a datagram, a socket error).
 */
import type { DeliveryReporter } from './delivery-record.js';

/** The fields of the SDK's Segment the record reads. */
interface SentSegment {
  trace_id?: string;
  name?: string;
  subsegments?: Array<{ name?: string; subsegments?: SentSegment['subsegments'] }>;
}

/** `1-5f8a1b2c-<24 hex>` → `5f8a1b2c<24 hex>`, without a regular expression on the hot path. */
function otelId(xrayTraceId: string | undefined): string | undefined {
  if (xrayTraceId === undefined || xrayTraceId.length !== 35 || xrayTraceId[1] !== '-' || xrayTraceId[10] !== '-')
    return undefined;
  return xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
}

function addNames(subsegments: SentSegment['subsegments'], out: string[]): string[] {
  if (subsegments) {
    for (const sub of subsegments) {
      out.push(sub.name ?? '?');
      addNames(sub.subsegments, out);
    }
  }
  return out;
}

const names = (segment: SentSegment): string[] => addNames(segment.subsegments, [segment.name ?? '?']);

export function segmentRecorder(record: DeliveryReporter): (segment: unknown, error: Error | null) => void {
  return (segment, error) => {
    const sent = segment as SentSegment;
    const traceId = otelId(sent.trace_id);
    if (traceId === undefined) return;
    if (!error) {
      record.exported(traceId, { path: 'xray', target: 'xray-daemon', outcome: 'handed-over', names: names(sent) });
      return;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EMSGSIZE' ? 'EMSGSIZE: too large for one UDP datagram' : (code ?? error.message).slice(0, 200);
    record.exported(traceId, {
      path: 'xray',
      target: 'xray-daemon',
      outcome: 'dropped',
      names: names(sent),
      error: reason,
    });
  };
}
