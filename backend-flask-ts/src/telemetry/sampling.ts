/**
 * One sampling decision per trace. A caller's decision is always kept (`traceparent` flags, or
 * `X-Amzn-Trace-Id`'s `Sampled=`, with or without `Parent=`); spans inside the request follow their
 * parent; only a request that arrives without a decision asks the root sampler (X-Ray's rules when
 * X-Ray is on, so both tracers sample the same requests). X-Ray's segment then follows this decision.
 */
import {
  isSpanContextValid,
  SamplingDecision,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type SpanContext,
  type SpanKind,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';
import type { RootSampler } from './config.js';
import { getIncomingXrayTrace } from './propagation.js';

const SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
const DROPPED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

export const decide = (sampled: boolean): SamplingResult => (sampled ? SAMPLED : DROPPED);
const follow = (parent: SpanContext): SamplingResult => decide((parent.traceFlags & TraceFlags.SAMPLED) !== 0);

export class TraceSampler implements Sampler {
  constructor(private readonly root: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    name: string,
    kind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    const hasParent = parent !== undefined && isSpanContextValid(parent);
    if (hasParent && !parent.isRemote) return follow(parent);
    const incoming = getIncomingXrayTrace(context);
    if (incoming?.sampled !== undefined) return decide(incoming.sampled);
    if (hasParent && !incoming) return follow(parent);
    return this.root.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `TraceSampler{root=${this.root.toString()}}`;
  }
}

/**
 * The sampler for requests that arrive without a decision. `xrayRules` is X-Ray's rules sampler when
 * X-Ray is on; without it the `xray-rules` choice samples every request.
 */
export function createRootSampler(choice: RootSampler, xrayRules: Sampler | undefined): Sampler {
  switch (choice.kind) {
    case 'xray-rules':
      return xrayRules ?? new AlwaysOnSampler();
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'ratio':
      return new TraceIdRatioBasedSampler(choice.ratio);
  }
}
