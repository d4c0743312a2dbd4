/**
 * One HTTP SERVER span per request, started by the app's first middleware: the incoming trace
 * extracted with the configured propagators, the span named `GET` and renamed `GET /api/activities/:uuid`
 * when a route matched, the request's attributes (`server-span-attributes.ts`) and, on finish, the
 * status code, `http.route` and an error status for a 5xx. The rest of the request runs in its context.
 * A span that does not record (not sampled) costs its context and nothing else: no attributes
 * beyond the sampler's, no listener. Health checks and the diagnostics endpoint get no span.
 *
 * This replaces `@opentelemetry/instrumentation-http` and `-express`, which wrapped every Express
 * layer in a context switch and a closure; the Express request-handler span they added is gone, and
 * the error it carried is recorded on the server span (`recordError`).
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { describeError } from '../http/errors.js';
import { matchedRoute } from '../http/matched-route.js';
import { serverRequestAttributes } from './server-span-attributes.js';
import { isUntracedRequest } from './untraced.js';

export interface ServerSpanHooks {
  /** The app's first middleware: starts the span and runs the rest of the request in its context. */
  start: RequestHandler;
  /** After the routes: an error answered with a 5xx becomes the span's exception and status message. */
  recordError: ErrorRequestHandler;
}

/** Spans whose error `recordError` already described: finishing keeps that status. */
const failed = new WeakSet<Span>();

const isErrorStatus = (status: number): boolean => !(status >= 100 && status < 500);

function finish(span: Span, req: Request, res: Response): void {
  const route = matchedRoute(req);
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
  if (route !== undefined) span.setAttribute(ATTR_HTTP_ROUTE, route);
  if (isErrorStatus(res.statusCode) && !failed.has(span)) span.setStatus({ code: SpanStatusCode.ERROR });
  if (route !== undefined) span.updateName(`${req.method || 'GET'} ${route}`);
  span.end();
}

export function createServerSpanHooks(tracer: Tracer): ServerSpanHooks {
  return {
    start: (req, res, next) => {
      if (isUntracedRequest(req.method, req.url)) return next();
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      const attributes = serverRequestAttributes(req);
      const span = tracer.startSpan(
        req.method || 'GET',
        { kind: SpanKind.SERVER, attributes: attributes.sampling },
        parent,
      );
      if (span.isRecording()) {
        span.setAttributes(attributes.recorded());
        res.once('close', () => finish(span, req, res));
      }
      context.with(trace.setSpan(parent, span), next);
    },
    recordError: (err, _req, _res, next) => {
      const span = trace.getActiveSpan();
      if (span?.isRecording() && describeError(err).status >= 500) {
        const error = err instanceof Error ? err : new Error(String(err));
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        failed.add(span);
      }
      next(err);
    },
  };
}
