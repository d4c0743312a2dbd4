/**
 * OpenTelemetry: HTTP and Express instrumentation, X-Ray-compatible ids, W3C + X-Ray propagation, and
 * the OTLP/HTTP protobuf exporter behind a bounded batch processor (`OTEL_BSP_*`: 2048 spans at most,
 * 512 per export). Must start before the app imports Express: `instrument.ts` is preloaded with `--import`.
 */
import { register } from 'node:module';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { Tracing } from '../services/tracing.js';
import type { OtelConfig } from './config.js';
import { createTracePropagator } from './propagation.js';
import { createSeedingTracerProvider, SeededIdGenerator } from './root-trace-id.js';
import { TraceSampler } from './sampling.js';
import { endAfter } from './settle.js';

export interface OtelRuntime {
  span: Tracing['span'];
  /** Exports what the batch processor still holds, then stops. */
  shutdown(): Promise<void>;
}

export function startOtel(config: Extract<OtelConfig, { enabled: true }>, rootSampler: Sampler): OtelRuntime {
  // The app is ESM: Express is patched through import-in-the-middle's loader hook, limited to it.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['express'] } });

  const ids = new SeededIdGenerator(new AWSXRayIdGenerator());
  // The backend calls no other service; outgoing HTTP is the exporters' and Rollbar's own traffic.
  const http = new HttpInstrumentation({ disableOutgoingRequestInstrumentation: true });
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: new OTLPTraceExporter({ url: config.tracesUrl, headers: { ...config.headers } }),
    sampler: new TraceSampler(rootSampler),
    idGenerator: ids,
    textMapPropagator: createTracePropagator(),
    // Middleware and router spans only add noise and cost (a router span ends as it starts): 4 spans
    // a request become 3. 0.71 keeps an ignored router's path in `http.route`, so routers are mounted
    // on their exact prefixes (app.ts) and no request passes through another's; the one visible
    // effect: a 404 under a router's prefix (`/api/activities/x/y`) is named by that prefix.
    instrumentations: [http, new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] })],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  http.setTracerProvider(createSeedingTracerProvider(trace.getTracerProvider(), ids));

  const tracer = trace.getTracer(config.serviceName);
  return {
    span: (name, work) =>
      tracer.startActiveSpan(name, (span) =>
        endAfter(
          () => work((key, value) => span.setAttribute(key, value)),
          (error) => {
            if (error !== undefined) {
              span.recordException(error instanceof Error ? error : String(error));
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
            span.end();
          },
        ),
      ),
    shutdown: () => sdk.shutdown(),
  };
}
