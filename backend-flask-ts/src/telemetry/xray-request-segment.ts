/**
 * The segment of each request, opened as aws-xray-sdk-express's `openSegment` opens it — the SDK's
 * naming (`AWS_XRAY_URL`), sampling rules and request/response data, closed once when the response
 * finishes or the connection closes — but built by the segment factory (pooled ids, the request's
 * known trace id) instead of `new Segment(...)`. The request's trace arrives as the `X-Amzn-Trace-Id`
 * this backend's own middleware wrote before (`trace-headers.ts`), read with the trace contract.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { middleware as sdkMiddleware, Segment } from 'aws-xray-sdk-core';
import { newXrayTraceId, otelToXrayTraceId, parseXrayTraceHeader, XRAY_TRACE_HEADER } from '@cruddur/trace-contract';
import type { SegmentFactory } from './xray-segments.js';

/** What the SDK's `middleware` (mw_utils) offers that a request segment needs. */
export interface SdkRequestMiddleware {
  resolveName(host: string | undefined): string;
  resolveSampling(header: { root?: string; parent?: string; sampled?: string }, segment: Segment, res: ServerResponse): void;
  IncomingRequestData: typeof sdkMiddleware.IncomingRequestData;
}

export interface RequestSegmentDeps {
  middleware: SdkRequestMiddleware;
  factory: SegmentFactory;
  randomHex: (bytes: number) => string;
  /** The SDK's `utils.getCauseTypeFromHttpStatus`. */
  causeOfStatus(status: number): 'error' | 'fault' | undefined;
}

type RequestSegment = Segment & { http: { close(res: ServerResponse): void } } & Partial<Record<'error' | 'fault', boolean>>;

export function createRequestSegmentOpener({ middleware, factory, randomHex, causeOfStatus }: RequestSegmentDeps): (req: IncomingMessage, res: ServerResponse) => Segment {
  return (req, res) => {
    const header = req.headers[XRAY_TRACE_HEADER];
    const trace = parseXrayTraceHeader(typeof header === 'string' ? header : undefined);
    const traceId = trace ? otelToXrayTraceId(trace.traceId) : newXrayTraceId(Date.now(), randomHex(12));
    const segment = factory.segment(middleware.resolveName(req.headers.host), traceId, trace?.parentId) as RequestSegment;
    const sampled = trace?.sampled === undefined ? {} : { sampled: trace.sampled ? '1' : '0' };
    middleware.resolveSampling({ root: traceId, ...sampled }, segment, res);
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
