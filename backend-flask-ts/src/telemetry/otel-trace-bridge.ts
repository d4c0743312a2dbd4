/**
 * With OpenTelemetry on, the HTTP server span names the request's trace (its id is X-Ray-compatible).
 * This middleware answers that trace on the response and, before X-Ray's `openSegment`, rewrites the
 * request's `X-Amzn-Trace-Id` from it, so the segment gets the same trace id and sampling decision
 * and the caller's span (if any) as its parent.
 */
import { isSpanContextValid, trace, TraceFlags, type Span, type SpanContext } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { formatXrayTraceHeader, HEALTH_CHECK_PATH, traceResponseHeaders } from '@cruddur/trace-contract';
import type { DeliveryReporter } from '../diagnostics/delivery-record.js';
import { setXrayRequestHeader, xrayRequestHeaderFor } from './trace-headers.js';

/** The caller's span, when the server span continues a remote one (recording SDK spans know it). */
function remoteParentId(span: Span): string | undefined {
  const parent = (span as { parentSpanContext?: SpanContext }).parentSpanContext;
  return parent?.isRemote ? parent.spanId : undefined;
}

/** `record`, when given, hears each request's trace and sampling decision (health checks excepted). */
export function createOtelTraceBridge({
  handToXray,
  record,
}: {
  handToXray: boolean;
  record?: DeliveryReporter | undefined;
}): RequestHandler {
  return (req, res, next) => {
    const span = trace.getActiveSpan();
    const spanContext = span?.spanContext();
    if (span && spanContext && isSpanContextValid(spanContext)) {
      const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0;
      res.set(traceResponseHeaders(spanContext.traceId, spanContext.spanId, sampled));
      if (record && !req.url.startsWith(HEALTH_CHECK_PATH)) record.traceStarted(spanContext.traceId, sampled);
      if (handToXray)
        setXrayRequestHeader(
          req,
          formatXrayTraceHeader({ traceId: spanContext.traceId, parentId: remoteParentId(span), sampled }),
        );
    } else if (handToXray) {
      setXrayRequestHeader(req, xrayRequestHeaderFor(req.headers));
    }
    next();
  };
}
