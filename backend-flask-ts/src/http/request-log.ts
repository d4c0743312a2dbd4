/**
 * The backend's log lines: one JSON object a line, each with the request's `trace_id` and `span_id`
 * (OpenTelemetry's spelling) when a trace is active, so a log line can be found from its trace (the
 * local inspector shows them beside the spans). One line per request when it finishes, one per failure.
 */
import { trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

export type LogLevel = 'info' | 'warn' | 'error';

/** The active trace and span ids, if any: the ids every line of this request carries. */
function traceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

export function formatLogLine(level: LogLevel, msg: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
}

/** Writes one line with the active trace's ids; `fields` may carry them already (captured earlier). */
export function logLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = formatLogLine(level, msg, { ...traceFields(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

/** `GET /api/activities/home 200` with its duration, when the answer has been sent. */
export const requestLog: RequestHandler = (req, res, next) => {
  const startedAt = performance.now();
  // Captured now: by the time `finish` fires the request's context may no longer be active.
  const ids = traceFields();
  res.once('finish', () => {
    const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
    logLine(
      res.statusCode >= 500 ? 'error' : 'info',
      `${req.method} ${req.originalUrl.split('?')[0]} ${res.statusCode}`,
      {
        ...ids,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        duration_ms: durationMs,
      },
    );
  });
  next();
};
