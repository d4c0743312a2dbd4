import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logLine } from './request-log.js';

/** Every non-422 error answer: a stable machine code and a sentence for people. Never a stack. */
export interface ErrorBody {
  error: string;
  message: string;
}

/** An error that already knows its HTTP answer. Thrown by input readers and routes. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** body-parser's error types, by the answer they deserve. */
const BODY_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' },
  'entity.verify.failed': { status: 400, code: 'invalid_body', message: 'The body is not valid UTF-8 JSON.' },
  'entity.too.large': { status: 413, code: 'body_too_large', message: 'The body is larger than the limit.' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Send JSON as UTF-8.' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'Send the body uncompressed.' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted.' },
  'request.size.invalid': {
    status: 400,
    code: 'invalid_body',
    message: 'The body length does not match Content-Length.',
  },
};

const INTERNAL: ErrorBody = {
  error: 'internal_error',
  message: 'Something went wrong on our side; it has been logged.',
};

/** The status and body an error is answered with. Exported so tests can assert on it. */
export function describeError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.status, body: { error: err.code, message: err.message } };
  if (typeof err !== 'object' || err === null) return { status: 500, body: INTERNAL };
  const { type, status } = err as { type?: unknown; status?: unknown };
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return { status: known.status, body: { error: known.code, message: known.message } };
  // Express answers a path it cannot decode (e.g. `%E0%A4%A`) with a bare 400 error.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: 'bad_request', message: 'The request could not be understood.' } };
  }
  return { status: 500, body: INTERNAL };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}.` } satisfies ErrorBody);
};

/** The last middleware: turns any error into a JSON answer and logs the ones that are ours. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body } = describeError(err);
  if (status >= 500)
    logLine('error', `${req.method} ${req.path} failed`, {
      error: String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(status).json(body);
};
