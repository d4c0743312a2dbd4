/**
 * The X-Ray side of each request, opened as aws-xray-sdk-express's `openSegment` opens a segment — the
 * SDK's naming (`AWS_XRAY_URL`), sampling rules and request/response data, closed once when the
 * response finishes or the connection closes — with two differences: the sampling decision comes
 * first, so an unsampled request builds no segment (only its trace id and an id for the response's
 * `traceresponse`), and a sampled one is built by the segment factory (pooled ids, the request's known
 * trace id). The request's trace arrives as the `X-Amzn-Trace-Id` this backend's own middleware wrote
 * (`trace-headers.ts`), read with the trace contract; it never carries `Sampled=?`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { middleware as sdkMiddleware, Segment } from 'aws-xray-sdk-core';
import { newXrayTraceId, otelToXrayTraceId, parseXrayTraceHeader, XRAY_TRACE_HEADER } from '@cruddur/trace-contract';
import type { XraySdkSampler } from './xray-rules-sampler.js';
import type { SegmentFactory } from './xray-segments.js';

/** What the SDK's `middleware` (mw_utils) offers that a request segment needs. */
export interface SdkRequestMiddleware {
  resolveName(host: string | undefined): string;
  IncomingRequestData: typeof sdkMiddleware.IncomingRequestData;
}

export interface RequestSegmentDeps {
  middleware: SdkRequestMiddleware;
  /** The SDK's sampler, as `openSegment` consults it. */
  shouldSample: XraySdkSampler;
  factory: SegmentFactory;
  randomHex: (bytes: number) => string;
  /** The SDK's `utils.getCauseTypeFromHttpStatus`. */
  causeOfStatus(status: number): 'error' | 'fault' | undefined;
}

/** An unsampled request's trace: what the response headers and Rollbar name, and nothing to send. */
export interface UnsampledTrace {
  trace_id: string;
  id: string;
  notTraced: true;
}

type RequestSegment = Segment & { http: { close(res: ServerResponse): void } } & Partial<
    Record<'error' | 'fault', boolean>
  >;

export function createRequestSegmentOpener(
  deps: RequestSegmentDeps,
): (req: IncomingMessage, res: ServerResponse) => Segment | UnsampledTrace {
  const { middleware, shouldSample, factory, randomHex, causeOfStatus } = deps;
  return (req, res) => {
    const header = req.headers[XRAY_TRACE_HEADER];
    const trace = parseXrayTraceHeader(typeof header === 'string' ? header : undefined);
    const traceId = trace ? otelToXrayTraceId(trace.traceId) : newXrayTraceId(Date.now(), randomHex(12));
    const name = middleware.resolveName(req.headers.host);
    const sampled =
      trace?.sampled ??
      shouldSample({ host: req.headers.host, httpMethod: req.method ?? '', urlPath: req.url ?? '', serviceName: name });
    if (!sampled) return { trace_id: traceId, id: randomHex(8), notTraced: true };

    const segment = factory.segment(name, traceId, trace?.parentId) as RequestSegment;
    if (typeof sampled === 'string') segment.setMatchedSamplingRule(sampled);
    segment.addIncomingRequestData(new middleware.IncomingRequestData(req));
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      if (res.statusCode === 429) segment.addThrottleFlag();
      const cause = causeOfStatus(res.statusCode);
      if (cause) segment[cause] = true;
      segment.http.close(res);
      segment.close();
    };
    res.once('finish', end);
    res.once('close', end);
    return segment;
  };
}
