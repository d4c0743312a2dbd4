/**
 * OTLP/HTTP protobuf, sent by the backend itself so it knows what became of each batch: the HTTP
 * status, `partial_success.rejected_spans`, the error, per trace in the batch. The stock
 * `OTLPTraceExporter` reports only success or an error to the batch processor (a partial success is
 * a diagnostic log line) and cannot sign a request body (X-Ray's OTLP endpoint wants SigV4), so:
 * serialisation and response decoding are `@opentelemetry/otlp-transformer`'s (the stock exporter's
 * own), the request is node's http(s), and the retry rules are the stock exporter's: 429, 502, 503, 504
 * and network errors are retried up to 5 times with backoff (1 s × 1.5, ±20%, at most 5 s, or the
 * `Retry-After`), all within the export timeout (`OTEL_EXPORTER_OTLP_TIMEOUT`, 10 s).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ExportEvent } from '../diagnostics/delivery-record.js';

export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 6;
const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;
const BACKOFF_MULTIPLIER = 1.5;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/**
 * More exports than this in flight and the next batch is dropped. A batch processor exports one batch
 * at a time (the spec: `Export()` is never called concurrently), and a flush or shutdown sends its
 * queue's batches at once (2048 / 512 = 4 with the defaults). More come only from sdk-trace-base's
 * processor after a failed export: its `catch` clears the exporting flag after its `finally` started
 * the next export, so with the endpoint down, exports piled up to the stock exporter's limit of 30,
 * holding 15,000 spans (RSS +90 MiB in 60 s at load). Twice the default queue's batches bounds that.
 */
export const MAX_EXPORTS_IN_FLIGHT = 8;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
/** Spans per slice: ~0.3 ms each on this machine, where 512 at once took 2.5-12 ms. */
export const ENCODE_SLICE_SPANS = 64;
/**
 * How long the encode may hold the event loop in one turn: slices are encoded until it is spent. One
 * slice a turn was too slow at sustained load (a turn there runs ~30 requests): the batch processor
 * exports one batch at a time, and 10-12% of the spans were dropped at its queue bound.
 */
export const ENCODE_TURN_BUDGET_MS = 1;

/** What one HTTP attempt ended with. */
export interface AttemptResult {
  status?: number;
  body?: Buffer;
  retryAfterMs?: number;
  /** Network error code or message, when there was no answer. */
  error?: string;
  retryable: boolean;
}

/** The outcome of one batch, handed to the delivery record once per trace in it. */
export type BatchOutcome = Pick<ExportEvent, 'outcome' | 'status' | 'error' | 'rejectedSpans' | 'attempts'>;

/** Adds headers a request needs right before it leaves (SigV4 signs method, URL, headers and body). */
export type RequestSigner = (request: {
  method: 'POST';
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}) => Promise<Record<string, string>>;

export interface OtlpExporterOptions {
  url: string;
  /** Static headers; may hold a key, never logged. */
  headers: Readonly<Record<string, string>>;
  timeoutMs?: number;
  compression?: 'gzip' | 'none';
  sign?: RequestSigner;
  /** Called once per batch with the spans per trace id; keep it cheap. */
  onBatch?: (outcome: BatchOutcome, spansPerTrace: ReadonlyMap<string, number>, batchSpans: number) => void;
  /** Cleans a string that leaves the process (an error body) of any secret. */
  redact?: (text: string) => string;
}

/**
 * The batch's `ExportTraceServiceRequest`, encoded in slices, starting on the next event-loop turn and
 * holding each turn for at most `turnBudgetMs`: the batch processor exports from inside the
 * `span.end()` that filled the batch (a request's), and one synchronous encode of 512 spans would hold
 * every request for milliseconds. The request's only field is the repeated `resource_spans`, so the
 * slices' encodings, concatenated, are one request.
 */
export async function encodeInSlices(
  spans: readonly ReadableSpan[],
  { sliceSpans = ENCODE_SLICE_SPANS, turnBudgetMs = ENCODE_TURN_BUDGET_MS, now = () => performance.now() } = {},
): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  for (let start = 0; start < spans.length;) {
    await nextTurn();
    const turnStarted = now();
    do {
      const part = ProtobufTraceSerializer.serializeRequest(spans.slice(start, start + sliceSpans) as ReadableSpan[]);
      if (part) parts.push(part);
      start += sliceSpans;
    } while (start < spans.length && now() - turnStarted < turnBudgetMs);
  }
  return parts.length > 0 ? Buffer.concat(parts) : undefined;
}

const jitter = (ms: number): number => ms * (1 + (Math.random() * 0.4 - 0.2));

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number.parseInt(value, 10);
  if (Number.isInteger(seconds)) return seconds > 0 ? seconds * 1000 : undefined;
  const at = new Date(value).getTime() - Date.now();
  return Number.isNaN(at) ? undefined : Math.max(at, 0);
}

/** The status line and a short body, for a refused export. */
function describeRefusal(status: number, body: Buffer | undefined, redact: (text: string) => string): string {
  const text = body && body.length > 0 ? body.subarray(0, 600).toString('utf8').replace(/\s+/g, ' ').trim() : '';
  const printable = /^[\x20-\x7e]*$/.test(text) ? text : '';
  return redact(`HTTP ${status}${printable ? `: ${printable}` : ''}`).slice(0, 200);
}

export class OtlpHttpExporter implements SpanExporter {
  readonly #url: URL;
  readonly #send: typeof httpRequest;
  readonly #agent: HttpAgent;
  readonly #timeoutMs: number;
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;

  constructor(private readonly options: OtlpExporterOptions) {
    this.#url = new URL(options.url);
    const https = this.#url.protocol === 'https:';
    this.#send = https ? httpsRequest : httpRequest;
    this.#agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped)
      return resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
    const perTrace = new Map<string, number>();
    for (const span of spans) {
      const id = span.spanContext().traceId;
      perTrace.set(id, (perTrace.get(id) ?? 0) + 1);
    }
    if (this.#inFlight.size >= MAX_EXPORTS_IN_FLIGHT) {
      this.#report({ outcome: 'dropped', error: 'too many exports in flight' }, perTrace, spans.length);
      return resultCallback({ code: ExportResultCode.FAILED, error: new Error('Concurrent export limit reached') });
    }
    const done = encodeInSlices(spans).then(async (body) => {
      if (!body) return resultCallback({ code: ExportResultCode.FAILED, error: new Error('Nothing to send') });
      const outcome = await this.#deliver(body);
      this.#report(outcome, perTrace, spans.length);
      const ok = outcome.outcome === 'accepted' || outcome.outcome === 'partially-rejected';
      resultCallback(
        ok
          ? { code: ExportResultCode.SUCCESS }
          : { code: ExportResultCode.FAILED, error: new Error(outcome.error ?? outcome.outcome) },
      );
    });
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
  }

  #report(outcome: BatchOutcome, perTrace: ReadonlyMap<string, number>, batchSpans: number): void {
    try {
      this.options.onBatch?.(outcome, perTrace, batchSpans);
    } catch {
      // The record never breaks an export.
    }
  }

  /** Sends with retries; never rejects. */
  async #deliver(body: Uint8Array): Promise<BatchOutcome> {
    const deadline = Date.now() + this.#timeoutMs;
    const payload = this.options.compression === 'gzip' ? gzipSync(body) : body;
    let backoff = INITIAL_BACKOFF_MS;
    let attempts = 0;
    let result: AttemptResult;
    for (;;) {
      attempts += 1;
      result = await this.#attempt(payload, Math.max(deadline - Date.now(), 1));
      if (!result.retryable || attempts >= MAX_ATTEMPTS) break;
      const wait = result.retryAfterMs ?? Math.min(jitter(backoff), MAX_BACKOFF_MS);
      backoff *= BACKOFF_MULTIPLIER;
      if (wait > deadline - Date.now()) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return this.#outcome(result, attempts);
  }

  #outcome(result: AttemptResult, attempts: number): BatchOutcome {
    const redact = this.options.redact ?? ((text: string) => text);
    const { status } = result;
    if (status === undefined)
      return { outcome: 'failed', error: redact(result.error ?? 'no answer').slice(0, 200), attempts };
    if (status < 200 || status > 299)
      return { outcome: 'refused', status, error: describeRefusal(status, result.body, redact), attempts };
    let rejectedSpans = 0;
    let message = '';
    if (result.body && result.body.length > 0) {
      try {
        const partial = ProtobufTraceSerializer.deserializeResponse(result.body).partialSuccess;
        rejectedSpans = Number(partial?.rejectedSpans ?? 0);
        message = partial?.errorMessage ?? '';
      } catch {
        message = 'the answer is not an ExportTraceServiceResponse';
      }
    }
    if (rejectedSpans > 0)
      return {
        outcome: 'partially-rejected',
        status,
        rejectedSpans,
        attempts,
        ...(message && { error: redact(message).slice(0, 200) }),
      };
    return { outcome: 'accepted', status, attempts, ...(message && { error: redact(message).slice(0, 200) }) };
  }

  async #attempt(payload: Uint8Array, timeoutMs: number): Promise<AttemptResult> {
    const headers: Record<string, string> = {
      ...this.options.headers,
      'content-type': 'application/x-protobuf',
      'content-length': String(payload.byteLength),
      'user-agent': 'backend-flask-ts OTLP/HTTP exporter',
      ...(this.options.compression === 'gzip' && { 'content-encoding': 'gzip' }),
    };
    try {
      if (this.options.sign)
        Object.assign(headers, await this.options.sign({ method: 'POST', url: this.#url, headers, body: payload }));
    } catch (error) {
      return {
        error: `could not sign the request (${error instanceof Error ? error.message : String(error)})`,
        retryable: false,
      };
    }
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const req = this.#send(this.#url, { method: 'POST', headers, agent: this.#agent }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            finish({ status: res.statusCode, error: 'answer too large', retryable: false });
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const retryAfter = res.headers['retry-after'];
          finish({
            status,
            body: Buffer.concat(chunks),
            retryable: RETRYABLE_STATUS.has(status),
            retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
          });
        });
        res.on('error', () => finish({ status: res.statusCode, retryable: RETRYABLE_STATUS.has(res.statusCode ?? 0) }));
      });
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        finish({ error: `no answer within ${timeoutMs} ms`, retryable: true });
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish({ error: error.code ?? error.message, retryable: RETRYABLE_NETWORK.has(error.code ?? '') }),
      );
      req.end(payload);
    });
  }

  async forceFlush(): Promise<void> {
    await Promise.allSettled(this.#inFlight);
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    await this.forceFlush();
    this.#agent.destroy();
  }
}
