/**
 * The tagged requests: one trace id for all of them, sampling forced with `Sampled=1` and no
 * `Parent` (what a first hop sends), covering the home feed, a user's activities and an error.
 */
import { ToolkitError } from '../errors.js';
import { START_FIX } from './diagnostics.js';
import { readTraceHeaders } from './trace-headers.js';
import type { SentRequest, TaggedRequest } from './types.js';

export const TAGGED_REQUESTS: readonly TaggedRequest[] = Object.freeze([
  {
    label: 'home',
    path: '/api/activities/home',
    status: 200,
    subsegments: ['activities_home'],
    spans: ['home-activities-mock-data'],
    reported: false,
  },
  {
    label: 'user activities',
    path: '/api/activities/@andrewbrown',
    status: 200,
    subsegments: ['activities_users', 'mock-data'],
    spans: [],
    reported: false,
  },
  { label: 'error', path: '/rollbar/error', status: 500, subsegments: [], spans: [], reported: true },
]);

const TELEMETRY_FIX =
  'start the backend through its entry point as npm run setup does (node backend-flask-ts, which starts telemetry before the app), and do not set OTEL_SDK_DISABLED=true';

export function forcedSamplingHeader(traceId: string): string {
  return `Root=${traceId};Sampled=1`;
}

async function send(backendUrl: string, request: TaggedRequest, traceId: string): Promise<Response> {
  try {
    return await fetch(`${backendUrl}${request.path}`, {
      headers: { 'x-amzn-trace-id': forcedSamplingHeader(traceId) },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const cause =
      err instanceof Error && err.cause instanceof Error
        ? err.cause.message
        : err instanceof Error
          ? err.message
          : String(err);
    throw new ToolkitError(`the backend at ${backendUrl} does not answer (${cause})`, START_FIX);
  }
}

/** Sends every tagged request and checks each answer joined our trace and kept it sampled. */
export async function sendTaggedRequests(backendUrl: string, traceId: string): Promise<SentRequest[]> {
  const sent: SentRequest[] = [];
  for (const request of TAGGED_REQUESTS) {
    const response = await send(backendUrl, request, traceId);
    await response.arrayBuffer();
    if (response.status !== request.status) {
      throw new ToolkitError(
        `${backendUrl}${request.path} answered HTTP ${response.status}, not ${request.status}: this is not the Cruddur backend, or it is broken`,
        `check --backend / BACKEND_URL points at backend-flask-ts; ${START_FIX}`,
      );
    }
    const verdict = readTraceHeaders(response.headers);
    if (verdict.named.length === 0) {
      throw new ToolkitError(
        `the backend answered ${request.path} without a trace header (X-Amzn-Trace-Id / traceresponse), so its telemetry is not loaded`,
        TELEMETRY_FIX,
      );
    }
    if (!verdict.named.every((id) => id === traceId)) {
      throw new ToolkitError(
        `the backend put ${request.path} in trace ${verdict.named[0]} instead of joining ${traceId} from X-Amzn-Trace-Id`,
        'the backend must honour an incoming X-Amzn-Trace-Id with Root= and no Parent= (see issue 3); update backend-flask-ts',
      );
    }
    if (verdict.sampled === false) {
      throw new ToolkitError(
        `the backend sampled out ${request.path} although it was sent with Sampled=1`,
        'the backend must keep an incoming sampling decision (X-Ray: no sampling override for traced requests; OTel: a parentbased sampler, the default)',
      );
    }
    sent.push({ request, status: response.status, spanId: verdict.spanId });
  }
  return sent;
}
