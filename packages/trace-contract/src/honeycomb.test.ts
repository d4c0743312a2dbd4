import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyHoneycombKey, honeycombExportHeaders, honeycombTraceLink, otlpTracesUrl } from './honeycomb.js';

const CLASSIC_HEX = '0123456789abcdef0123456789abcdef';
const CLASSIC_INGEST = `hcaic_${'0'.repeat(58)}`;
const ENVIRONMENT = 'hcaik_01EXAMPLE0000000000000000';

test('a key shape says its kind; only classic keys name a dataset', () => {
  const rows: Array<[string, 'classic' | 'environment', Record<string, string>]> = [
    [CLASSIC_HEX, 'classic', { 'x-honeycomb-team': CLASSIC_HEX, 'x-honeycomb-dataset': 'svc' }],
    [CLASSIC_INGEST, 'classic', { 'x-honeycomb-team': CLASSIC_INGEST, 'x-honeycomb-dataset': 'svc' }],
    [ENVIRONMENT, 'environment', { 'x-honeycomb-team': ENVIRONMENT }],
  ];
  for (const [key, kind, headers] of rows) {
    assert.equal(classifyHoneycombKey(key), kind);
    assert.deepEqual(honeycombExportHeaders(key, 'svc'), headers);
  }
});

test('the traces URL is the base plus /v1/traces, whatever slashes the base ends with', () => {
  assert.equal(otlpTracesUrl('https://api.honeycomb.io'), 'https://api.honeycomb.io/v1/traces');
  assert.equal(otlpTracesUrl('http://127.0.0.1:4318//'), 'http://127.0.0.1:4318/v1/traces');
});

test('trace links go to the UI twin of the API host (US and EU), with the environment when there is one', () => {
  const base = {
    team: 'my-team',
    dataset: 'backend-flask',
    otelTraceId: '5f8a1b2c0123456789abcdef01234567',
    startedAt: new Date(1_700_000_000_500),
  };
  assert.equal(
    honeycombTraceLink({ ...base, environment: 'dev', endpoint: 'https://api.eu1.honeycomb.io' }),
    'https://ui.eu1.honeycomb.io/my-team/environments/dev/datasets/backend-flask/trace?trace_id=5f8a1b2c0123456789abcdef01234567&trace_start_ts=1700000000',
  );
  assert.equal(
    honeycombTraceLink({ ...base, environment: undefined, endpoint: 'https://api.honeycomb.io' }),
    'https://ui.honeycomb.io/my-team/datasets/backend-flask/trace?trace_id=5f8a1b2c0123456789abcdef01234567&trace_start_ts=1700000000',
  );
});
