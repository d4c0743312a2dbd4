import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.js';

export const JSON_BODY_LIMIT = '100kb';

/** A `__proto__` key is never data the API needs, and is how prototype pollution starts. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed as a key');
  return value;
}

const parseJson = express.json({
  limit: JSON_BODY_LIMIT,
  strict: true,
  reviver: refuseProtoKeys,
  verify: (_req, _res, buf) => {
    if (!isUtf8(buf)) throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'entity.verify.failed' });
  },
});

const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (req.is('application/json') === 'application/json') return next();
  next(new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".'));
};

/** For routes that take a body: JSON only, UTF-8 only, 100 kB at most. */
export const jsonBody: RequestHandler[] = [requireJsonContentType, parseJson];
