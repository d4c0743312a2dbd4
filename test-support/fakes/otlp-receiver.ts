/**
 * Stands in for an OTLP/HTTP traces endpoint: Honeycomb's `https://api.honeycomb.io/v1/traces` (point
 * `HONEYCOMB_API_ENDPOINT` at `url`) or an OpenTelemetry Collector (point `OTEL_EXPORTER_OTLP_ENDPOINT`
 * at `url`). `POST /v1/traces` is the inspector's own OTLP receiver (`@cruddur/inspector/receivers`:
 * protobuf or JSON, gzip, answers in the request's type, 400 with a google.rpc.Status, 415), which
 * answers as Honeycomb and the Collector do; this fake records the spans and the request headers and
 * adds the faults: it can hang, answer 500 or 429 (`Retry-After: 1`), or close its port.
 * Given `keys`, an export whose `x-honeycomb-team` is not one of them gets Honeycomb's 401. Given
 * `queryKeys`, it also answers Honeycomb's Query Data API (`fakes/honeycomb-query-api.ts`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { OtlpSpan } from '@cruddur/inspector/otlp';
import { OTLP_TRACES_PATH, receiveOtlpTraces } from '@cruddur/inspector/receivers';
import { waitFor } from '../wait.js';
import {
  answer,
  receivedRequest,
  sendReceiverAnswer,
  startFaultyHttpServer,
  type FaultControls,
} from './faulty-http-server.js';
import { createHoneycombQueryApi } from './honeycomb-query-api.js';
import { TEST_DEADLINE_MS } from '../deadline.js';

export interface ReceivedExport {
  headers: IncomingHttpHeaders;
  contentType: string;
  spans: OtlpSpan[];
}

export interface OtlpReceiver extends FaultControls {
  /** Every export accepted so far, in order of arrival. */
  exports: ReceivedExport[];
  /** All spans accepted so far. */
  spans(): OtlpSpan[];
  /** Resolves with the matching spans once at least `count` have arrived; fails after `timeoutMs`. */
  waitForSpans(
    match: (span: OtlpSpan) => boolean,
    options?: { count?: number; timeoutMs?: number; what?: string },
  ): Promise<OtlpSpan[]>;
}

const STATUS_JSON = { 'content-type': 'application/json' };

export interface OtlpReceiverOptions {
  /** Honeycomb keys it accepts; without them any key (or none) is accepted. */
  keys?: readonly string[];
  /** Configuration keys that may run queries: it then also answers Honeycomb's Query Data API over the spans it took. */
  queryKeys?: readonly string[];
}

export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const exports: ReceivedExport[] = [];
  const spans = () => exports.flatMap((e) => e.spans);
  const queryApi = options.queryKeys ? createHoneycombQueryApi(options.queryKeys, spans) : undefined;
  const server = await startFaultyHttpServer({
    faultAnswers: {
      error: {
        status: 500,
        headers: STATUS_JSON,
        body: JSON.stringify({ code: 13, message: 'internal error (fake)' }),
      },
      throttle: {
        status: 429,
        headers: { ...STATUS_JSON, 'retry-after': '1' },
        body: JSON.stringify({ code: 8, message: 'rate limited (fake)' }),
      },
    },
    handler: (req, body, res) => {
      if (queryApi?.handle(req, body, res)) return;
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://fake').pathname !== OTLP_TRACES_PATH) {
        return answer(res, {
          status: 404,
          headers: STATUS_JSON,
          body: JSON.stringify({ code: 5, message: 'not found' }),
        });
      }
      const key = req.headers['x-honeycomb-team'];
      if (options.keys && !options.keys.includes(typeof key === 'string' ? key : '')) {
        return answer(res, {
          status: 401,
          headers: STATUS_JSON,
          body: JSON.stringify({ error: 'unknown API key - check your credentials' }),
        });
      }
      const contentType = req.headers['content-type'] ?? '';
      sendReceiverAnswer(
        res,
        receiveOtlpTraces(receivedRequest(req, body), (spans) =>
          exports.push({ headers: req.headers, contentType, spans }),
        ),
      );
    },
  });
  return {
    ...server,
    exports,
    spans,
    waitForSpans: (match, { count = 1, timeoutMs = TEST_DEADLINE_MS, what = `${count} matching span(s)` } = {}) =>
      waitFor(
        `the OTLP receiver to get ${what}`,
        async () => {
          const found = spans().filter(match);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      ),
  };
}
