/**
 * OpenTelemetry's view of the incoming trace headers. `@opentelemetry/propagator-aws-xray` ignores an
 * `X-Amzn-Trace-Id` without `Parent=` or without a `Sampled=` decision — exactly what a load balancer
 * or a client starting a trace sends — so extraction parses the header itself; injection stays the
 * AWS propagator's. The parsed header rides in the context for the sampler (its decision) and the
 * server span's tracer (its trace id, when there is no parent to inherit it from).
 */
import {
  createContextKey,
  isSpanContextValid,
  trace,
  TraceFlags,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { parseXrayTraceHeader, type HeaderTrace } from '@cruddur/trace-contract';

const INCOMING_XRAY_TRACE = createContextKey('backend-flask incoming X-Amzn-Trace-Id');

/** The `X-Amzn-Trace-Id` the request arrived with, when it (not `traceparent`) named the trace. */
export function getIncomingXrayTrace(context: Context): HeaderTrace | undefined {
  return context.getValue(INCOMING_XRAY_TRACE) as HeaderTrace | undefined;
}

export class XrayTraceHeaderPropagator implements TextMapPropagator {
  readonly #aws = new AWSXRayPropagator();

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.#aws.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    // A `traceparent`, extracted first, wins: a traced frontend behind a load balancer keeps its trace.
    const existing = trace.getSpanContext(context);
    if (existing && isSpanContextValid(existing)) return context;
    const raw = getter.get(carrier, 'x-amzn-trace-id');
    const incoming = parseXrayTraceHeader(Array.isArray(raw) ? raw[0] : raw);
    if (!incoming) return context;
    const marked = context.setValue(INCOMING_XRAY_TRACE, incoming);
    if (!incoming.parentId) return marked;
    const traceFlags = incoming.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE;
    return trace.setSpanContext(marked, {
      traceId: incoming.traceId,
      spanId: incoming.parentId,
      traceFlags,
      isRemote: true,
    });
  }

  fields(): string[] {
    return this.#aws.fields();
  }
}

/** W3C trace context, then X-Ray's header. */
export function createTracePropagator(): TextMapPropagator {
  return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new XrayTraceHeaderPropagator()] });
}
