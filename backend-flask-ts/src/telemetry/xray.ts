/**
 * AWS X-Ray: a segment per sampled request (opened as aws-xray-sdk-express opens it, `xray-request-segment.ts`),
 * the subsegments routes and services ask for, UDP to the daemon. The SDK runs in manual mode — its
 * automatic mode tracks context with cls-hooked's async hooks on every promise — and the request's
 * sub/segment lives in an AsyncLocalStorage here instead. Segments are the SDK's, built with pooled
 * random ids (`xray-segments.ts`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import { describeError } from '../http/errors.js';
import { untraced, type Tracing } from '../services/tracing.js';
import type { XrayConfig } from './config.js';
import { endAfter } from './settle.js';
import { setXrayRequestHeader, xrayRequestHeaderFor } from './trace-headers.js';
import {
  daemonAddressError,
  parseDaemonAddress,
  traceResponseHeaders,
  xrayToOtelTraceId,
} from '@cruddur/trace-contract';
import { isUntracedRequest } from './untraced.js';
import { installSegmentSender, type SdkSegmentEmitter, type SegmentSent } from './xray-emitter.js';
import { createRequestSegmentOpener, type UnsampledTrace } from './xray-request-segment.js';
import { createRandomHexPool, createSegmentFactory } from './xray-segments.js';
import { createXrayRulesSampler, type XraySdkSampler } from './xray-rules-sampler.js';
import localSamplingRules from './xray-sampling-rules.json' with { type: 'json' };

export interface XrayRuntime {
  /**
   * The middleware before the routes, `openSegment` last. Without OpenTelemetry, a first one hands
   * X-Ray the request's trace (a `traceparent` becomes its header; a malformed header is dropped) and
   * the segment answers the trace headers.
   */
  beforeRoutes(options: { otel: boolean }): RequestHandler[];
  /** The first middleware after the routes: records server faults (5xx) on the segment. */
  closeSegment: ErrorRequestHandler;
  subsegment: Tracing['subsegment'];
  /** The X-Ray trace id of the request the caller runs in, if any. */
  currentTraceId(): string | undefined;
  /** The SDK's sampling rules, as OpenTelemetry's root sampler. */
  rulesSampler: Sampler;
}

/** `openSegment`'s own sampler: centralized rules polled from the daemon, else the local rules. */
interface MiddlewareSampling {
  sampler: { shouldSample: XraySdkSampler };
}

/** `onSegmentSent` hears each segment's datagram written or dropped (the delivery record). */
export async function startXray(
  config: Extract<XrayConfig, { enabled: true }>,
  onSegmentSent?: SegmentSent,
): Promise<XrayRuntime> {
  // The SDK reads these once, as it loads, and throws on values it cannot use: give it parsed ones.
  process.env.AWS_XRAY_MANUAL_MODE = 'true';
  process.env.AWS_XRAY_CONTEXT_MISSING = config.contextMissing;
  process.env.AWS_XRAY_DAEMON_ADDRESS = config.daemonAddress;
  const { default: AWSXRay } = await import('aws-xray-sdk-core');
  const { default: emitter } = await import('aws-xray-sdk-core/dist/lib/segment_emitter.js');
  const daemon = parseDaemonAddress(config.daemonAddress);
  if (!daemon) throw new Error(daemonAddressError(config.daemonAddress));
  installSegmentSender(
    emitter as unknown as SdkSegmentEmitter,
    daemon.udp,
    (line) => console.error(line),
    onSegmentSent,
  );

  const { middleware } = AWSXRay;
  middleware.setDefaultName(config.segmentName);
  middleware.setSamplingRules(localSamplingRules);
  if (config.dynamicNamingPattern) middleware.enableDynamicNaming(config.dynamicNamingPattern);
  // The typings omit `sampler`, the object `openSegment` itself consults.
  const { sampler } = middleware as unknown as MiddlewareSampling;

  const scope = new AsyncLocalStorage<Segment | Subsegment | UnsampledTrace>();
  const randomHex = createRandomHexPool();
  const factory = createSegmentFactory(AWSXRay, randomHex);
  const openSegment = createRequestSegmentOpener({
    middleware,
    shouldSample: (request) => sampler.shouldSample(request),
    factory,
    randomHex,
    causeOfStatus: (status) => AWSXRay.utils.getCauseTypeFromHttpStatus(status),
  });
  /** Sampled requests' segments, for the error handler after the routes. */
  const segments = new WeakMap<Request, Segment>();

  const handOverIncomingTrace: RequestHandler = (req, _res, next) => {
    setXrayRequestHeader(req, xrayRequestHeaderFor(req.headers));
    next();
  };

  const segmentScope =
    (answerTraceHeaders: boolean): RequestHandler =>
    (req, res, next) => {
      if (isUntracedRequest(req.method, req.originalUrl)) return next();
      const opened = openSegment(req, res);
      if (!opened.notTraced) segments.set(req, opened);
      if (answerTraceHeaders)
        res.set(traceResponseHeaders(xrayToOtelTraceId(opened.trace_id), opened.id, !opened.notTraced));
      scope.run(opened, next);
    };

  return {
    beforeRoutes: ({ otel }) => (otel ? [segmentScope(false)] : [handOverIncomingTrace, segmentScope(true)]),
    closeSegment: (err, req, _res, next) => {
      if (describeError(err).status >= 500) segments.get(req)?.addError(err instanceof Error ? err : String(err));
      next(err);
    },
    subsegment: (name, work) => {
      const parent = scope.getStore();
      if (!parent || parent.notTraced) return untraced(name, work);
      const subsegment = factory.subsegment(parent as Segment | Subsegment, name);
      return scope.run(subsegment, () =>
        endAfter(
          () => work((key, value) => subsegment.addMetadata(key, value)),
          (error) => subsegment.close(error === undefined ? undefined : error instanceof Error ? error : String(error)),
        ),
      );
    },
    currentTraceId: () => {
      const current = scope.getStore();
      return current && ('segment' in current ? current.segment : current).trace_id;
    },
    rulesSampler: createXrayRulesSampler(
      (request) => sampler.shouldSample(request),
      (host) => middleware.resolveName(host),
    ),
  };
}
