/**
 * A request whose `X-Amzn-Trace-Id` has `Root=` but no `Parent=` starts its server span as a root
 * span, and that span must take the caller's trace id rather than a new one. OpenTelemetry only takes
 * a trace id from a parent or from the id generator, so the server span's tracer hands the id to the
 * generator for exactly one synchronous `startSpan` call.
 */
import {
  context as contextApi,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import { getIncomingXrayTrace } from './propagation.js';

/** X-Ray-compatible ids from `inner`, except the one trace id handed over by `withTraceId`. */
export class SeededIdGenerator implements IdGenerator {
  #seed: string | undefined;

  constructor(private readonly inner: IdGenerator) {}

  withTraceId<T>(traceId: string, start: () => T): T {
    this.#seed = traceId;
    try {
      return start();
    } finally {
      this.#seed = undefined;
    }
  }

  generateTraceId(): string {
    const seed = this.#seed;
    this.#seed = undefined;
    return seed ?? this.inner.generateTraceId();
  }

  generateSpanId(): string {
    return this.inner.generateSpanId();
  }
}

function seedingTracer(inner: Tracer, ids: SeededIdGenerator): Tracer {
  return {
    startSpan(name: string, options?: SpanOptions, context: Context = contextApi.active()): Span {
      const incoming = trace.getSpan(context) ? undefined : getIncomingXrayTrace(context);
      if (!incoming) return inner.startSpan(name, options, context);
      return ids.withTraceId(incoming.traceId, () => inner.startSpan(name, options, context));
    },
    startActiveSpan: inner.startActiveSpan.bind(inner),
  };
}

/** For the HTTP server instrumentation: its root spans keep an incoming `Root=` trace id. */
export function createSeedingTracerProvider(provider: TracerProvider, ids: SeededIdGenerator): TracerProvider {
  return { getTracer: (...args) => seedingTracer(provider.getTracer(...args), ids) };
}
