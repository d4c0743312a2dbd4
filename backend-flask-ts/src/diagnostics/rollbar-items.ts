/**
 * Rollbar items into the delivery record, from the client's per-item callback `(err, data)`: the
 * answer's uuid, or why the item was refused (`Api error: …`, an `err` answer such as a bad token) or
 * failed (no answer). Rollbar's client does not tell the HTTP status.
 */
import { toOtelTraceId } from '@cruddur/trace-contract';
import type { DeliveryReporter } from './delivery-record.js';

/** Called once per item with the request's trace (X-Ray spelling), its level and the client's answer. */
export type RollbarItemSent = (
  xrayTraceId: string | undefined,
  level: string,
  error: Error | null | undefined,
  data: unknown,
) => void;

export function rollbarItemRecorder(record: DeliveryReporter, redact: (text: string) => string): RollbarItemSent {
  return (xrayTraceId, level, error, data) => {
    const traceId = xrayTraceId && toOtelTraceId(xrayTraceId);
    if (!traceId) return;
    if (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // `Api error: …`: Rollbar answered with `err`; an errno code: no answer; else the client kept it (rate limit).
      const outcome = error.message.startsWith('Api error') ? 'refused' : code ? 'failed' : 'dropped';
      record.exported(traceId, {
        path: 'rollbar',
        target: 'rollbar',
        outcome,
        level,
        error: redact(code ?? error.message).slice(0, 200),
      });
      return;
    }
    const uuid = (data as { uuid?: unknown } | undefined)?.uuid;
    record.exported(traceId, {
      path: 'rollbar',
      target: 'rollbar',
      outcome: 'accepted',
      level,
      ...(typeof uuid === 'string' && { uuid }),
    });
  };
}
