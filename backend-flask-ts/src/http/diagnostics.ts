/**
 * `GET /_cruddur/telemetry`: the delivery record, for the local developer and `verify-traces`. Mounted
 * outside `/api` and before the telemetry hooks, so it has no CORS, no trace of its own and no X-Ray
 * segment. It answers no cross-origin request: a browser's cross-site fetch (`Origin` of another
 * origin, or `Sec-Fetch-Site` other than `same-origin`/`none`) gets a 403, and no answer carries an
 * `Access-Control-Allow-Origin`. `?trace=` (either spelling) narrows it to one trace.
 */
import type { RequestHandler } from 'express';
import { toOtelTraceId, type DeliveryRecord } from '@cruddur/trace-contract';
import type { ErrorBody } from './errors.js';

export interface DiagnosticsSource {
  snapshot(traceId?: string): DeliveryRecord;
}

function crossOrigin(origin: string | undefined, site: string | undefined, host: string | undefined): boolean {
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function diagnosticsRoute(source: DiagnosticsSource): RequestHandler {
  return (req, res) => {
    res.set('cache-control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .set('allow', 'GET, HEAD')
        .status(405)
        .json({ error: 'method_not_allowed', message: 'The delivery record is read with GET.' } satisfies ErrorBody);
      return;
    }
    const site = req.headers['sec-fetch-site'];
    if (crossOrigin(req.headers.origin, typeof site === 'string' ? site : undefined, req.headers.host)) {
      res.status(403).json({
        error: 'cross_origin',
        message: 'The delivery record is for the local developer: it answers no cross-origin request.',
      } satisfies ErrorBody);
      return;
    }
    const trace = req.query['trace'];
    if (trace !== undefined && (typeof trace !== 'string' || toOtelTraceId(trace) === undefined)) {
      res.status(400).json({
        error: 'invalid_trace_id',
        message: 'trace= takes a trace id: 1-5f8a1b2c-<24 hex> or 32 hex digits.',
      } satisfies ErrorBody);
      return;
    }
    res.json(source.snapshot(trace));
  };
}
