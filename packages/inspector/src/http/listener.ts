import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import { sendJson } from './respond.js';

/** Turns an async handler into a listener whose failures answer JSON: 4xx for the client's, 500 (and `onError`) for ours. */
export function jsonListener(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, onError?: (err: unknown, req: IncomingMessage) => void): RequestListener {
  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status >= 500) onError?.(err, req);
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
    });
  };
}
