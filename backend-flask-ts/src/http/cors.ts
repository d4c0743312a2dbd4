import cors from 'cors';
import type { RequestHandler } from 'express';

/** Trace headers, so a traced frontend can join the backend's traces and read their ids back. */
const TRACE_HEADERS = ['traceparent', 'tracestate', 'x-amzn-trace-id'];

/** CORS for `/api/*`: only the configured origins (`*` allows any), as Flask-CORS did in week 2. */
export function createApiCors(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && (anyOrigin || origins.includes(origin))),
    methods: ['OPTIONS', 'GET', 'HEAD', 'POST'],
    allowedHeaders: ['content-type', 'if-modified-since', ...TRACE_HEADERS],
    exposedHeaders: ['location', 'link', ...TRACE_HEADERS, 'traceresponse'],
  });
}
