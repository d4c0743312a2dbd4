/**
 * Stored records for the inspector's tests and its bench: one request as the backend sends it (an
 * X-Ray segment with a subsegment, OTel server and internal spans, a Rollbar item, log lines), and a
 * generated trace of any size.
 */
import { xrayToOtelTraceId, type XraySegment } from '@cruddur/trace-contract';
import type { StoredItem, StoredSpan } from '../store/types.js';

export const T0_S = 1_700_000_000;

export function storedSpan(fields: Partial<StoredSpan> & Pick<StoredSpan, 'spanId' | 'name'>): StoredSpan {
  return {
    parentSpanId: undefined,
    kind: 1,
    startMs: T0_S * 1000,
    endMs: T0_S * 1000 + 10,
    attributes: {},
    status: { code: 0, message: undefined },
    events: [],
    serviceName: 'backend-flask',
    scope: 'test',
    ...fields,
  };
}

export function storedItem(fields: Partial<StoredItem> & Pick<StoredItem, 'uuid'>): StoredItem {
  return {
    receivedMs: T0_S * 1000 + 50,
    traceId: undefined,
    level: 'error',
    environment: 'development',
    title: 'Error: boom',
    request: undefined,
    ...fields,
  };
}

/** 16 hex digits from a number, for span and segment ids. */
export function hexId(n: number, prefix = 'a'): string {
  return `${prefix}${n.toString(16).padStart(15, '0')}`;
}

export interface FailingRequest {
  segment: XraySegment;
  spans: StoredSpan[];
  item: StoredItem;
}

/** `GET /rollbar/error` answered 500: the X-Ray `fault` and `cause`, the OTel exception event, the Rollbar item. */
export function failingRequest(traceId: string, startS = T0_S): FailingRequest {
  const stack = [
    { path: '/app/src/routes/rollbar.ts', line: 12, label: 'boom' },
    { path: '/app/node_modules/express/lib/router/layer.js', line: 95, label: 'Layer.handle' },
  ];
  const segment: XraySegment = {
    name: 'backend-flask',
    id: hexId(1, 'c'),
    trace_id: traceId,
    start_time: startS,
    end_time: startS + 0.03,
    fault: true,
    http: { request: { method: 'GET', url: 'http://127.0.0.1:4567/rollbar/error' }, response: { status: 500 } },
    cause: {
      working_directory: '/app',
      exceptions: [{ id: 'e1', type: 'Error', message: 'Rollbar test error', stack }],
    },
    annotations: { route: '/rollbar/error' },
    metadata: { default: { note: 'from the test' } },
    subsegments: [
      {
        name: 'rollbar-error',
        id: hexId(2, 'c'),
        trace_id: traceId,
        start_time: startS + 0.005,
        end_time: startS + 0.02,
        fault: true,
      },
    ],
  };
  const server = storedSpan({
    spanId: hexId(1, 'd'),
    name: 'GET /rollbar/error',
    kind: 2,
    startMs: startS * 1000,
    endMs: startS * 1000 + 31,
    attributes: {
      'http.request.method': 'GET',
      'url.path': '/rollbar/error',
      'http.route': '/rollbar/error',
      'http.response.status_code': 500,
    },
    status: { code: 2, message: 'Rollbar test error' },
  });
  const handler = storedSpan({
    spanId: hexId(2, 'd'),
    parentSpanId: server.spanId,
    name: 'request handler - /rollbar/error',
    startMs: startS * 1000 + 4,
    endMs: startS * 1000 + 21,
    attributes: { 'express.type': 'request_handler' },
    status: { code: 2, message: 'Rollbar test error' },
    events: [
      {
        name: 'exception',
        timeMs: startS * 1000 + 20,
        attributes: {
          'exception.type': 'Error',
          'exception.message': 'Rollbar test error',
          'exception.stacktrace': 'Error: Rollbar test error\n    at boom (/app/src/routes/rollbar.ts:12:9)',
        },
      },
    ],
  });
  const item = storedItem({
    uuid: '0a4f7c7e-1111-4222-8333-944455556666',
    traceId,
    title: 'Error: Rollbar test error',
    request: { method: 'GET', url: 'http://127.0.0.1:4567/rollbar/error' },
    timestampMs: startS * 1000,
  });
  return { segment, spans: [server, handler], item };
}

/** The backend's log line of a request, as `backend-flask-ts/src/http/request-log.ts` writes it. */
export function backendLogLine(traceId: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    time: new Date(T0_S * 1000).toISOString(),
    level: 'info',
    msg: 'GET /api/activities/home 200',
    trace_id: xrayToOtelTraceId(traceId),
    ...fields,
  });
}

/**
 * One request whose server span has `spans - 1` descendants, a few levels deep, with an error every
 * 50th: what a chatty handler looks like. Deterministic, so the bench measures the same trace each run.
 */
export function largeTrace(spans: number, startS = T0_S): StoredSpan[] {
  const startMs = startS * 1000;
  const result = [
    storedSpan({
      spanId: hexId(0, 'e'),
      name: 'GET /api/activities/home',
      kind: 2,
      startMs,
      endMs: startMs + spans,
      attributes: {
        'http.request.method': 'GET',
        'url.path': '/api/activities/home',
        'http.route': '/api/activities/home',
        'http.response.status_code': 200,
      },
    }),
  ];
  for (let i = 1; i < spans; i += 1) {
    const parent = i < 10 ? 0 : Math.floor(i / 10);
    const failed = i % 50 === 0;
    result.push(
      storedSpan({
        spanId: hexId(i, 'e'),
        parentSpanId: hexId(parent, 'e'),
        name: `step-${i} ${i % 3 === 0 ? 'db.query SELECT activities' : 'mock-data'}`,
        startMs: startMs + i * 0.9,
        endMs: startMs + i * 0.9 + 1 + (i % 7),
        attributes: { 'app.step': i, 'app.kind': i % 3 === 0 ? 'db' : 'compute' },
        status: { code: failed ? 2 : 0, message: failed ? `step ${i} failed` : undefined },
        events: failed
          ? [
              {
                name: 'exception',
                timeMs: startMs + i * 0.9 + 1,
                attributes: {
                  'exception.type': 'Error',
                  'exception.message': `step ${i} failed`,
                  'exception.stacktrace': `Error: step ${i} failed\n    at step (/app/src/services/home-activities.ts:${i}:3)`,
                },
              },
            ]
          : [],
      }),
    );
  }
  return result;
}
