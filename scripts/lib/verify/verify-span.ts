/**
 * One OTLP span in the trace under test, built by the OTel SDK and serialised by the OTel
 * serialiser: what verify-traces exports itself to prove the destination accepts this trace.
 */
import { randomBytes } from 'node:crypto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TraceProbe } from './types.js';

export async function encodeVerifySpan(probe: TraceProbe, serviceName: string): Promise<Uint8Array> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    // Our trace id, so the span lands in the trace the backend's spans are in.
    idGenerator: { generateTraceId: () => probe.otelTraceId, generateSpanId: () => randomBytes(8).toString('hex') },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider
    .getTracer('cruddur-verify-traces')
    .startSpan('verify-traces', { startTime: probe.sentAtMs, attributes: { 'cruddur.verify.paths': probe.sent.map(({ request }) => request.path) } })
    .end();
  await provider.forceFlush();
  const body = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
  await provider.shutdown();
  if (body === undefined) throw new Error('the OTLP serialiser produced nothing');
  return body;
}
