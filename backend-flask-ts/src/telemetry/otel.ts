/**
 * OpenTelemetry: the server span per request (`server-span.ts`, mounted by the app), X-Ray-compatible
 * ids, W3C + X-Ray propagation, and one OTLP/HTTP protobuf exporter per target (Honeycomb or an OTLP
 * endpoint; X-Ray's OTLP endpoint in the otel pipeline), each behind its own bounded batch processor
 * (`OTEL_BSP_*`: 2048 spans at most, 512 per export), so one slow target never holds the other's spans.
 */
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type ReadableSpan, type Sampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { PathTarget, TelemetryPathName } from '@cruddur/trace-contract';
import type { ExportResult } from '@opentelemetry/core';
import type { Tracing } from '../services/tracing.js';
import type { DeliveryReporter } from '../diagnostics/delivery-record.js';
import type { OtlpExportSettings } from './config.js';
import { OtlpHttpExporter, type RequestSigner } from './otlp-exporter.js';
import { createTracePropagator } from './propagation.js';
import { createSeedingTracerProvider, SeededIdGenerator } from './root-trace-id.js';
import { TraceSampler } from './sampling.js';
import { createServerSpanHooks, type ServerSpanHooks } from './server-span.js';
import { endAfter } from './settle.js';

export interface OtelRuntime {
  span: Tracing['span'];
  serverSpan: ServerSpanHooks;
  /** Exports what the batch processors still hold, then stops. */
  shutdown(): Promise<void>;
}

/** One OTLP destination. */
export interface OtlpTarget {
  path: TelemetryPathName;
  kind: PathTarget['kind'];
  url: string;
  /** May hold a key: never printed. */
  headers: Readonly<Record<string, string>>;
  sign?: RequestSigner;
  /** This target sees the spans under another `service.name` (X-Ray: the segment name). */
  serviceName?: string;
}

export interface OtelSettings {
  serviceName: string;
  targets: readonly OtlpTarget[];
  exportSettings: OtlpExportSettings;
  record: DeliveryReporter;
  redact: (text: string) => string;
}

/** The spans under another resource, for a target that names the service differently. */
class RenamingExporter implements SpanExporter {
  readonly #renamed = new WeakMap<Resource, Resource>();

  constructor(
    private readonly inner: SpanExporter,
    private readonly serviceName: string,
  ) {}

  #resource(resource: Resource): Resource {
    let renamed = this.#renamed.get(resource);
    if (!renamed)
      this.#renamed.set(
        resource,
        (renamed = resource.merge(resourceFromAttributes({ 'service.name': this.serviceName }))),
      );
    return renamed;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(
      spans.map((span) => Object.create(span, { resource: { value: this.#resource(span.resource) } }) as ReadableSpan),
      resultCallback,
    );
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

function exporterFor(target: OtlpTarget, settings: OtelSettings): SpanExporter {
  const { path, kind } = target;
  const exporter = new OtlpHttpExporter({
    url: target.url,
    headers: target.headers,
    timeoutMs: settings.exportSettings.timeoutMs,
    compression: settings.exportSettings.compression,
    ...(target.sign && { sign: target.sign }),
    redact: settings.redact,
    onBatch: (outcome, perTrace, batchSpans) => {
      for (const [traceId, spans] of perTrace)
        settings.record.exported(traceId, { path, target: kind, ...outcome, spans, batchSpans });
    },
  });
  return target.serviceName && target.serviceName !== settings.serviceName
    ? new RenamingExporter(exporter, target.serviceName)
    : exporter;
}

export function startOtel(settings: OtelSettings, rootSampler: Sampler): OtelRuntime {
  const ids = new SeededIdGenerator(new AWSXRayIdGenerator());
  // No instrumentations: the server span is the app's own middleware (`server-span.ts`), and the
  // backend calls no other service (outgoing HTTP is the exporters' and Rollbar's own traffic).
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    // sdk-trace-base's processor reads OTEL_BSP_* itself.
    spanProcessors: settings.targets.map((target) => new BatchSpanProcessor(exporterFor(target, settings))),
    sampler: new TraceSampler(rootSampler),
    idGenerator: ids,
    textMapPropagator: createTracePropagator(),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  const tracer = trace.getTracer(settings.serviceName);
  return {
    // Its root spans keep an incoming `Root=` trace id.
    serverSpan: createServerSpanHooks(
      createSeedingTracerProvider(trace.getTracerProvider(), ids).getTracer(settings.serviceName),
    ),
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
