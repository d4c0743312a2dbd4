import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExportRecord, TraceDelivery } from '@cruddur/trace-contract';
import {
  expectedItemCount,
  expectedSpanCount,
  firstBrokenLink,
  judgeExports,
  judgeSegments,
  undeliveredError,
  type ExportExpectation,
} from './delivery.js';
import { deliveryRecord, exportOf, on, SENT, TARGETS, traceWith } from './testing.js';

const HONEYCOMB: ExportExpectation = {
  path: 'otel',
  target: TARGETS.honeycomb,
  label: 'Honeycomb',
  unit: 'spans',
  minimum: 4,
  credentialFix: 'put the right key in',
  credentialNote: "the backend's HONEYCOMB_API_KEY is hcaik_…0000, the toolkit's is hcaik_…7f3a",
};
const ROLLBAR: ExportExpectation = {
  path: 'rollbar',
  target: TARGETS.rollbar,
  label: 'Rollbar',
  unit: 'items',
  minimum: 1,
  credentialFix: 'put a post_server_item token in',
};
const otlp = (fields: Partial<ExportRecord>) =>
  exportOf({ path: 'otel', target: 'honeycomb', outcome: 'accepted', ...fields });
const item = (fields: Partial<ExportRecord>) =>
  exportOf({ path: 'rollbar', target: 'rollbar', outcome: 'accepted', ...fields });

test('the requests expect a server span each plus the named child spans, and one Rollbar item', () => {
  assert.equal(expectedSpanCount(SENT), 4);
  assert.equal(expectedItemCount(SENT), 1);
});

describe('judgeExports: the first broken link, or delivered', () => {
  const rows: Array<[string, TraceDelivery | undefined, ExportExpectation, string | RegExp]> = [
    ['no trace in the record yet', undefined, HONEYCOMB, 'pending'],
    ['spans accepted, but fewer than expected', traceWith([otlp({ spans: 3 })]), HONEYCOMB, 'pending'],
    [
      'enough spans accepted over two batches',
      traceWith([otlp({ spans: 3 }), otlp({ spans: 2 })]),
      HONEYCOMB,
      'delivered',
    ],
    [
      'spans accepted by another target do not count',
      traceWith([exportOf({ path: 'otel', target: 'xray-otlp', outcome: 'accepted', spans: 9 })]),
      HONEYCOMB,
      'pending',
    ],
    [
      "401: the backend's key, with the toolkit's for comparison",
      traceWith([otlp({ outcome: 'refused', status: 401, error: 'unknown API key' })]),
      HONEYCOMB,
      /^Honeycomb refused the backend's export with HTTP 401 \(unknown API key\): the backend holds a wrong key \(the backend's HONEYCOMB_API_KEY is hcaik_…0000, the toolkit's is hcaik_…7f3a\) — put the right key in$/,
    ],
    [
      'a Rollbar refusal without a status, from its err message',
      traceWith([item({ outcome: 'refused', error: 'invalid access token' })]),
      ROLLBAR,
      /^Rollbar refused the backend's export with invalid access token: the backend holds a wrong key \(the backend's is …7e57\) — put a post_server_item token in$/,
    ],
    [
      'another 4xx names the address the backend sends to',
      traceWith([otlp({ outcome: 'refused', status: 404, error: 'not found' })]),
      HONEYCOMB,
      /HTTP 404 \(not found\), so the trace was not taken — check the address the backend sends to \(https:\/\/api\.honeycomb\.io\/v1\/traces\)/,
    ],
    [
      '429 and 5xx may pass on retry: still pending',
      traceWith([otlp({ outcome: 'refused', status: 429 }), otlp({ outcome: 'refused', status: 503 })]),
      HONEYCOMB,
      'pending',
    ],
    [
      'partial success names the rejected spans',
      traceWith([otlp({ outcome: 'partially-rejected', spans: 4, rejectedSpans: 2 })]),
      HONEYCOMB,
      /rejected 2 of its 4 spans/,
    ],
    [
      "a dropped export is the backend's own",
      traceWith([otlp({ outcome: 'dropped', error: 'queue full' })]),
      HONEYCOMB,
      /the backend dropped its export to Honeycomb before sending it \(queue full\)/,
    ],
    [
      "sampled out comes after the exporter's failures",
      traceWith([], false),
      HONEYCOMB,
      /sampled out trace 1-6929a8c0-0123456789abcdef01234567 although it was sent with Sampled=1/,
    ],
    [
      'a refusal wins over sampled out',
      traceWith([otlp({ outcome: 'refused', status: 403 })], false),
      HONEYCOMB,
      /HTTP 403/,
    ],
    [
      'delivered wins over an earlier refusal',
      traceWith([otlp({ outcome: 'refused', status: 401 }), otlp({ spans: 4 })]),
      HONEYCOMB,
      'delivered',
    ],
    ['a Rollbar item counts with its uuid', traceWith([item({ uuid: 'a1b2' })]), ROLLBAR, 'delivered'],
  ];
  for (const [name, trace, expect, outcome] of rows) {
    test(name, () => {
      const verdict = judgeExports(trace, expect);
      if (typeof outcome === 'string') assert.equal(verdict.state, outcome);
      else {
        assert.equal(verdict.state, 'broken');
        if (verdict.state === 'broken') assert.match(`${verdict.error.problem} — ${verdict.error.fix}`, outcome);
      }
    });
  }
});

describe('undeliveredError: at the deadline, the last transient failure is the cause', () => {
  const rows: Array<[string, TraceDelivery | undefined, RegExp]> = [
    [
      'no answer at all',
      traceWith([otlp({ outcome: 'failed', error: 'ECONNREFUSED' })]),
      /the backend's exporter cannot reach Honeycomb at https:\/\/api\.honeycomb\.io\/v1\/traces \(ECONNREFUSED\)/,
    ],
    [
      'throttled',
      traceWith([otlp({ outcome: 'refused', status: 429, error: 'rate limited' })]),
      /Honeycomb is throttling the backend's exports \(HTTP 429 \(rate limited\)\)/,
    ],
    [
      'server errors',
      traceWith([otlp({ outcome: 'refused', status: 502, error: 'HTTP 502: bad gateway' })]),
      /Honeycomb keeps failing the backend's exports \(HTTP 502 \(bad gateway\)\)/,
    ],
    [
      'nothing recorded',
      undefined,
      /Honeycomb has not accepted the backend's export of the trace within 60 s: the backend records no export of the trace yet/,
    ],
  ];
  for (const [name, trace, message] of rows) {
    test(name, () => {
      const verdict = judgeExports(trace, HONEYCOMB);
      assert.equal(verdict.state, 'pending');
      if (verdict.state === 'pending') assert.match(undeliveredError(verdict, HONEYCOMB, 60).problem, message);
    });
  }
});

describe('judgeSegments: handed to the daemon, one segment per request', () => {
  const segment = (outcome: ExportRecord['outcome'], error?: string) =>
    exportOf({ path: 'xray', target: 'xray-daemon', outcome, names: ['backend-flask'], ...(error && { error }) });
  test('three handed over: done', () =>
    assert.equal(
      judgeSegments(
        traceWith([segment('handed-over'), segment('handed-over'), segment('handed-over')]),
        SENT,
        TARGETS.daemon,
      ).state,
      'handed-over',
    ));
  test('two of three: pending', () =>
    assert.deepEqual(judgeSegments(traceWith([segment('handed-over'), segment('handed-over')]), SENT, TARGETS.daemon), {
      state: 'pending',
      progress: '2 of 3 segments handed over so far',
    }));
  test('a dropped segment names the daemon address', () => {
    const verdict = judgeSegments(traceWith([segment('dropped', 'ENOTFOUND xray-daemon')]), SENT, TARGETS.daemon);
    assert.equal(
      verdict.state === 'broken' && verdict.error.problem,
      'the backend could not hand its X-Ray segment to the daemon at 127.0.0.1:2000 (ENOTFOUND xray-daemon)',
    );
  });
  test('sampled out', () => {
    const verdict = judgeSegments(traceWith([], false), SENT, TARGETS.daemon);
    assert.match(verdict.state === 'broken' ? verdict.error.problem : verdict.state, /^the backend sampled out trace/);
  });
});

describe('firstBrokenLink: what the record shows wrong for any target (local mode, when the inspector lacks something)', () => {
  const LOCAL = deliveryRecord({
    paths: {
      otel: on({ kind: 'otlp', address: 'http://127.0.0.1:4318/v1/traces' }),
      rollbar: on({ kind: 'rollbar', address: 'http://127.0.0.1:4318/api/1/item/' }),
    },
  }).paths;
  const toInspector = (fields: Partial<ExportRecord>) =>
    exportOf({ path: 'otel', target: 'otlp', outcome: 'accepted', ...fields });
  const rows: Array<[string, TraceDelivery | undefined, RegExp | undefined]> = [
    [
      'the inspector refused the export',
      traceWith([toInspector({ outcome: 'refused', status: 400, error: 'HTTP 400: invalid protobuf' })]),
      /^the trace inspector refused the backend's export with HTTP 400 \(invalid protobuf\), so the trace was not taken/,
    ],
    [
      'the exporter cannot reach it',
      traceWith([toInspector({ outcome: 'failed', error: 'ECONNREFUSED' })]),
      /^the backend's exporter cannot reach the trace inspector at http:\/\/127\.0\.0\.1:4318\/v1\/traces \(ECONNREFUSED\)/,
    ],
    [
      'a segment the backend could not send',
      traceWith([exportOf({ path: 'xray', target: 'xray-daemon', outcome: 'dropped', error: 'EMSGSIZE' })]),
      /could not hand its X-Ray segment to the daemon at 127\.0\.0\.1:2000 \(EMSGSIZE\)/,
    ],
    [
      'nothing listens at the daemon (the connected socket was refused)',
      traceWith([exportOf({ path: 'xray', target: 'xray-daemon', outcome: 'dropped', error: 'ECONNREFUSED' })]),
      /^the X-Ray daemon at 127\.0\.0\.1:2000 is not receiving \(ECONNREFUSED\)/,
    ],
    ['sampled out', traceWith([], false), /^the backend sampled out trace/],
    ['nothing wrong recorded (yet)', traceWith([toInspector({ spans: 2 })]), undefined],
    ['no trace recorded', undefined, undefined],
  ];
  for (const [name, trace, expected] of rows) {
    test(name, () => {
      const cause = firstBrokenLink(trace, LOCAL, SENT, 'the trace inspector');
      if (expected === undefined) assert.equal(cause, undefined);
      else assert.match(cause?.problem ?? '(none)', expected);
    });
  }
});
