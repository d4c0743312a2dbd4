import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * HTTP/1.1 requires exactly one Host header (RFC 9112 §3.2). Node's own check answers with an empty
 * body, so the server turns it off (`requireHostHeader: false`) and this answers with JSON instead.
 */
export const requireOneHost: RequestHandler = (req, _res, next) => {
  const hosts = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'host').length;
  if (hosts === 1 || (hosts === 0 && req.httpVersionMajor === 1 && req.httpVersionMinor === 0)) return next();
  next(new HttpError(400, 'bad_host', 'Send exactly one Host header.'));
};
