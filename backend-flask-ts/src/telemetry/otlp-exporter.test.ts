/**
 * The backend's OTLP exporter against a local endpoint: what it records per batch and per trace — the
 * status, `partial_success.rejected_spans`, the error (never a secret), the attempts — and that it keeps
 * the stock exporter's retry rules.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { decodeOtlpTraces } from '@cruddur/inspector/otlp';
import { waitFor } from '../../../test-support/wait.js';
import { encodeInSlices, MAX_EXPORTS_IN_FLIGHT, OtlpHttpExporter, type BatchOutcome } from './otlp-exporter.js';

const SECRET = 'hcaik_01EXAMPLEsecretsecretsecretsecretsecretsecretsecretsecretsecret';

/** A local endpoint answering each request with the next of `answers`. */
async function endpoint(answers: Array<(req: IncomingMessage, res: ServerResponse) => void>) {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      (answers.shift() ?? ((_q, r) => r.writeHead(200).end()))(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Three spans: two of one trace, one of another. */
function spans(): ReadableSpan[] {
  const ended: ReadableSpan[] = [];
  const provider = new BasicTracerProvider({
    spanProcessors: [
      { onStart: () => {}, onEnd: (s) => void ended.push(s), forceFlush: async () => {}, shutdown: async () => {} },
    ],
  });
  const tracer = provider.getTracer('test');
  const parent = tracer.startSpan('a');
  tracer.startSpan('a-child', {}, trace.setSpan(context.active(), parent)).end();
  parent.end();
  tracer.startSpan('b').end();
  return ended;
}

async function exportOnce(url: string, options: { timeoutMs?: number } = {}) {
  const batches: Array<{ outcome: BatchOutcome; perTrace: Map<string, number>; batchSpans: number }> = [];
  const exporter = new OtlpHttpExporter({
    url,
    headers: { 'x-honeycomb-team': SECRET },
    timeoutMs: options.timeoutMs ?? 5_000,
    redact: (text) => text.split(SECRET).join('hcaik_…cret'),
    onBatch: (outcome, perTrace, batchSpans) => batches.push({ outcome, perTrace: new Map(perTrace), batchSpans }),
  });
  const batch = spans();
  const result = await new Promise<{ code: ExportResultCode }>((resolve) => exporter.export(batch, resolve));
  await exporter.shutdown();
  return { result, batch: batches[0]!, traces: new Set(batch.map((s) => s.spanContext().traceId)) };
}

test('2xx with an empty answer: accepted, with the spans of each trace in the batch', async (t) => {
  const server = await endpoint([
    (_req, res) => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(),
  ]);
  t.after(server.close);
  const { result, batch, traces } = await exportOnce(server.url);
  assert.equal(result.code, ExportResultCode.SUCCESS);
  assert.deepEqual(batch.outcome, { outcome: 'accepted', status: 200, attempts: 1 });
  assert.equal(batch.batchSpans, 3);
  assert.deepEqual(
    [...batch.perTrace.values()].sort((a, b) => a - b),
    [1, 2],
  );
  assert.deepEqual(new Set(batch.perTrace.keys()), traces);
  assert.equal(decodeOtlpTraces(server.bodies[0]!, 'application/x-protobuf').length, 3, 'the body is OTLP protobuf');
});

test('partial_success: partially-rejected with the rejected count and the message', async (t) => {
  const message = Buffer.from('2 spans too old');
  // ExportTraceServiceResponse { partial_success (1) { rejected_spans (1) = 2, error_message (2) } }
  const inner = Buffer.concat([Buffer.from([0x08, 0x02, 0x12, message.length]), message]);
  const server = await endpoint([
    (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/x-protobuf' })
        .end(Buffer.concat([Buffer.from([0x0a, inner.length]), inner])),
  ]);
  t.after(server.close);
  const { result, batch } = await exportOnce(server.url);
  assert.equal(result.code, ExportResultCode.SUCCESS, 'a partial success is not retried');
  assert.deepEqual(batch.outcome, {
    outcome: 'partially-rejected',
    status: 200,
    rejectedSpans: 2,
    attempts: 1,
    error: '2 spans too old',
  });
});

test('401: refused with the status and the body, the key masked even when the answer echoes it', async (t) => {
  const server = await endpoint([
    (_req, res) =>
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: `unknown API key ${SECRET}` })),
  ]);
  t.after(server.close);
  const { result, batch } = await exportOnce(server.url);
  assert.equal(result.code, ExportResultCode.FAILED);
  assert.equal(batch.outcome.outcome, 'refused');
  assert.equal(batch.outcome.status, 401);
  assert.equal(batch.outcome.attempts, 1, '401 is not retried');
  assert.match(batch.outcome.error ?? '', /^HTTP 401: \{"error":"unknown API key hcaik_…cret"\}$/);
});

test('503 then 200: retried as the stock exporter does, accepted on the second attempt', async (t) => {
  const server = await endpoint([
    (_req, res) => res.writeHead(503, { 'retry-after': '1' }).end(),
    (_req, res) => res.writeHead(200).end(),
  ]);
  t.after(server.close);
  const { batch } = await exportOnce(server.url);
  assert.deepEqual(batch.outcome, { outcome: 'accepted', status: 200, attempts: 2 });
});

test('nobody listening: failed with the network error once the timeout is spent', async () => {
  const server = await endpoint([]);
  await server.close();
  const started = Date.now();
  const { result, batch } = await exportOnce(server.url, { timeoutMs: 1_500 });
  assert.equal(result.code, ExportResultCode.FAILED);
  assert.equal(batch.outcome.outcome, 'failed');
  assert.equal(batch.outcome.error, 'ECONNREFUSED');
  assert.ok((batch.outcome.attempts ?? 0) >= 2, 'connection refused is retried');
  assert.ok(Date.now() - started < 3_000, 'within the timeout');
});

/** Event-loop turns until `work` settles, counted by an immediate that schedules itself again. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    turns += 1;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  done = true;
  return { result, turns };
}

test('a batch is encoded in slices across event-loop turns, and the slices decode as one request', async () => {
  const batch = spans();
  const { result: body, turns } = await turnsDuring(() => encodeInSlices(batch, { sliceSpans: 1, turnBudgetMs: 0 }));
  const decoded = decodeOtlpTraces(body!, 'application/x-protobuf');
  assert.deepEqual(decoded.map((s) => s.name).sort(), ['a', 'a-child', 'b']);
  assert.deepEqual(decoded.map((s) => s.spanId).sort(), batch.map((s) => s.spanContext().spanId).sort());
  assert.equal(turns, batch.length, 'no time to spare in a turn: one slice each');
});

test('slices share a turn while its time budget lasts', async () => {
  const batch = spans();
  // A clock that never moves: the budget is never spent, so every slice fits in the first turn.
  const { result: body, turns } = await turnsDuring(() =>
    encodeInSlices(batch, { sliceSpans: 1, turnBudgetMs: 1, now: () => 0 }),
  );
  assert.equal(decodeOtlpTraces(body!, 'application/x-protobuf').length, batch.length);
  assert.equal(turns, 1, 'one turn for the whole batch');
});

test(`exports in flight stay at ${MAX_EXPORTS_IN_FLIGHT} whatever the batch processor does; the rest are dropped and recorded`, async (t) => {
  // An endpoint that answers nothing until the test ends: each export stays open (the exporter's own
  // timeout is a minute); then it answers them all, so the processor shuts down at once.
  const open = new Map<IncomingMessage, ServerResponse>();
  let mostOpen = 0;
  let answering = false;
  const server = createServer((req, res) => {
    if (answering) return void res.end();
    open.set(req, res);
    mostOpen = Math.max(mostOpen, open.size);
    req.on('close', () => open.delete(req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropped: BatchOutcome[] = [];
  const exporter = new OtlpHttpExporter({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    headers: {},
    timeoutMs: 60_000,
    onBatch: (outcome) => void (outcome.outcome === 'dropped' && dropped.push(outcome)),
  });
  // The processor gives up waiting on an export after 20 ms and starts the next one: exports pile up,
  // as they did behind sdk-trace-base's re-arming after failures with the endpoint down.
  const processor = new BatchSpanProcessor(exporter, {
    maxExportBatchSize: 1,
    maxQueueSize: 1_000,
    scheduledDelayMillis: 1,
    exportTimeoutMillis: 20,
  });
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('test');
  const ending = setInterval(() => tracer.startSpan('span').end(), 2);
  t.after(async () => {
    clearInterval(ending);
    answering = true;
    for (const res of open.values()) res.end();
    await processor.shutdown();
    await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  });
  // Counted from export() on, an export may still be encoding or connecting when the next is dropped:
  // wait for the endpoint to see the limit's worth, and for drops.
  await waitFor(`${MAX_EXPORTS_IN_FLIGHT} exports open and three batches dropped`, async () =>
    mostOpen >= MAX_EXPORTS_IN_FLIGHT && dropped.length >= 3 ? true : undefined,
  );
  assert.equal(mostOpen, MAX_EXPORTS_IN_FLIGHT, 'the endpoint never had more exports open than the limit');
  assert.equal(dropped[0]!.error, 'too many exports in flight');
});
