/**
 * X-Ray's sampling rules as an OpenTelemetry root sampler, so a request without a caller's decision is
 * sampled by the same rules for both tracers: the centralized rules the daemon serves over TCP (polled
 * by the SDK), else the local rules file `xray-sampling-rules.json`.
 */
import { SpanKind, type Attributes, type Context, type SpanKind as SpanKindType } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';
import { decide } from './sampling.js';

/** What the X-Ray SDK's sampler is asked; `serviceName` is the segment name the request will get. */
export interface XraySampleRequest {
  host: string | undefined;
  httpMethod: string;
  urlPath: string;
  serviceName: string;
}

/** The SDK's sampler answers true, false or the matched centralized rule's name (sampled). */
export type XraySdkSampler = (request: XraySampleRequest) => boolean | string | undefined;

/**
 * What X-Ray's rules match, read from an HTTP server span's attributes; `undefined` for any other span
 * (only HTTP server spans are sampled by X-Ray's rules; the backend starts no other root spans).
 */
export function xraySampleRequestOf(
  kind: SpanKindType,
  attributes: Attributes,
): Omit<XraySampleRequest, 'serviceName'> | undefined {
  const method = attributes['http.request.method'];
  if (kind !== SpanKind.SERVER || typeof method !== 'string') return undefined;
  const address = attributes['server.address'];
  const port = attributes['server.port'];
  const host = typeof address === 'string' ? (port === undefined ? address : `${address}:${String(port)}`) : undefined;
  const urlPath = typeof attributes['url.path'] === 'string' ? attributes['url.path'] : '/';
  return { host, httpMethod: method, urlPath };
}

export function createXrayRulesSampler(
  shouldSample: XraySdkSampler,
  segmentName: (host: string | undefined) => string,
): Sampler {
  return {
    shouldSample(
      _context: Context,
      _traceId: string,
      _name: string,
      kind: SpanKindType,
      attributes: Attributes,
    ): SamplingResult {
      const request = xraySampleRequestOf(kind, attributes);
      return decide(
        request === undefined || Boolean(shouldSample({ ...request, serviceName: segmentName(request.host) })),
      );
    },
    toString: () => 'XrayRulesSampler',
  };
}
