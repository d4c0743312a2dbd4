/**
 * Stands in for X-Ray's OTLP endpoint and sampling API, `https://xray.<region>.amazonaws.com` (point
 * `AWS_ENDPOINT_URL_XRAY` at `url`): every request must carry a SigV4 signature for service `xray` in
 * `region` by one of `keys`, verified from the raw request with the AWS SDK's own signer
 * (test-support/sigv4.ts); a bad one is answered 403 with AWS's error type, as X-Ray does.
 * `POST /v1/traces` is the inspector's own OTLP receiver (`@cruddur/inspector/receivers`; an empty
 * ExportTraceServiceResponse, or the spec's 400/415); `POST /GetSamplingRules` lists `rules` as X-Ray does.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { OtlpSpan } from '@cruddur/inspector/otlp';
import { OTLP_TRACES_PATH, receiveOtlpTraces, samplingRuleRecords } from '@cruddur/inspector/receivers';
import { verifySigV4, type SigV4Verdict } from '../sigv4.js';
import { waitFor } from '../wait.js';
import {
  answer,
  receivedRequest,
  sendReceiverAnswer,
  startFaultyHttpServer,
  type FaultControls,
} from './faulty-http-server.js';
import { TEST_DEADLINE_MS } from '../deadline.js';

export interface SignedExport {
  headers: IncomingHttpHeaders;
  spans: OtlpSpan[];
  verdict: Extract<SigV4Verdict, { ok: true }>;
}

export interface XrayOtlpEndpoint extends FaultControls {
  region: string;
  /** Accepted exports, in order. */
  exports: SignedExport[];
  /** Requests refused for their signature, with the reason. */
  refused: Array<{ path: string; type: string; message: string }>;
  /** Operations received with a valid signature (`PutTraces` for OTLP, `GetSamplingRules`). */
  calls: string[];
  spans(): OtlpSpan[];
  waitForSpans(
    match: (span: OtlpSpan) => boolean,
    options?: { count?: number; timeoutMs?: number; what?: string },
  ): Promise<OtlpSpan[]>;
}

export interface XrayOtlpEndpointOptions {
  region?: string;
  /** Access key id → secret. */
  keys?: Readonly<Record<string, string>>;
  /** `SamplingRule` objects GetSamplingRules answers (the shape of aws/json/x-ray.json). */
  rules?: ReadonlyArray<Record<string, unknown>>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

export async function startXrayOtlpEndpoint(options: XrayOtlpEndpointOptions = {}): Promise<XrayOtlpEndpoint> {
  const region = options.region ?? 'us-east-1';
  const secrets = options.keys ?? {};
  const exports: SignedExport[] = [];
  const refused: XrayOtlpEndpoint['refused'] = [];
  const calls: string[] = [];
  const server = await startFaultyHttpServer({
    faultAnswers: {
      error: { status: 500, headers: JSON_TYPE, body: JSON.stringify({ message: 'internal error (fake)' }) },
      throttle: {
        status: 429,
        headers: { ...JSON_TYPE, 'x-amzn-ErrorType': 'ThrottlingException' },
        body: JSON.stringify({ message: 'Rate exceeded' }),
      },
    },
    handler: (req, body, res) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      void verifySigV4(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body },
        { region, service: 'xray', secrets },
      ).then((verdict) => {
        if (!verdict.ok) {
          refused.push({ path, type: verdict.type, message: verdict.message });
          return answer(res, {
            status: verdict.status,
            headers: { ...JSON_TYPE, 'x-amzn-ErrorType': verdict.type },
            body: JSON.stringify({ message: verdict.message }),
          });
        }
        if (req.method === 'POST' && path === OTLP_TRACES_PATH) {
          calls.push('PutTraces');
          return sendReceiverAnswer(
            res,
            receiveOtlpTraces(receivedRequest(req, body), (spans) =>
              exports.push({ headers: req.headers, spans, verdict }),
            ),
          );
        }
        if (req.method === 'POST' && path === '/GetSamplingRules') {
          calls.push('GetSamplingRules');
          return answer(res, {
            status: 200,
            headers: JSON_TYPE,
            body: JSON.stringify(samplingRuleRecords(options.rules ?? [], Math.floor(Date.now() / 1000))),
          });
        }
        answer(res, {
          status: 404,
          headers: { ...JSON_TYPE, 'x-amzn-ErrorType': 'UnknownOperationException' },
          body: JSON.stringify({ message: 'not found' }),
        });
      });
    },
  });
  const spans = () => exports.flatMap((e) => e.spans);
  return {
    ...server,
    region,
    exports,
    refused,
    calls,
    spans,
    waitForSpans: (match, { count = 1, timeoutMs = TEST_DEADLINE_MS, what = `${count} matching span(s)` } = {}) =>
      waitFor(
        `X-Ray's OTLP endpoint to get ${what}`,
        async () => {
          const found = spans().filter(match);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      ),
  };
}

/**
 * The backend's environment for `CRUDDUR_XRAY_PIPELINE=otel` against this stand-in: its region and
 * URL, and credentials it was told to accept. Nothing may ask an instance metadata service.
 */
export function xrayOtlpPipelineEnv(
  endpoint: Pick<XrayOtlpEndpoint, 'url' | 'region'>,
  accessKeyId: string,
  secret: string,
): Record<string, string | undefined> {
  return {
    CRUDDUR_XRAY_PIPELINE: 'otel',
    AWS_REGION: endpoint.region,
    AWS_DEFAULT_REGION: undefined,
    AWS_ENDPOINT_URL_XRAY: endpoint.url,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
