import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimeoutSeconds, parseVerifyOptions } from './options.js';
import { formatJson, formatTable } from './report.js';
import type { DestinationResult } from './types.js';

const RESULTS: DestinationResult[] = [
  {
    name: 'xray',
    ok: true,
    proof: 'stored',
    pipeline: 'sdk',
    ms: 4210,
    link: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/1-5f8a1b2c-0123456789abcdef01234567',
  },
  { name: 'honeycomb', ok: true, proof: 'delivered', ms: 812 },
  { name: 'rollbar', ok: false, ms: 60002, error: 'Rollbar refused … — fix: …' },
];
const REPORT = {
  traceId: '1-5f8a1b2c-0123456789abcdef01234567',
  otelTraceId: '5f8a1b2c0123456789abcdef01234567',
  mode: 'cloud' as const,
  destinations: RESULTS,
};

test('the table: one row per destination with its proof level, aligned, with both trace ids and the mode above', () => {
  assert.equal(
    formatTable(REPORT),
    [
      'trace 1-5f8a1b2c-0123456789abcdef01234567 (OpenTelemetry 5f8a1b2c0123456789abcdef01234567), cloud mode',
      '',
      '  destination  found  proof            ms  link',
      '  xray         ✔ yes  stored (sdk)   4210  https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/1-5f8a1b2c-0123456789abcdef01234567',
      '  honeycomb    ✔ yes  delivered       812',
      '  rollbar      ✖ no                 60002  see the line below',
    ].join('\n'),
  );
});

test('--json is exactly the object of interfaces.md', () => {
  assert.deepEqual(JSON.parse(formatJson(REPORT)), {
    traceId: REPORT.traceId,
    otelTraceId: REPORT.otelTraceId,
    mode: 'cloud',
    destinations: RESULTS,
  });
});

test('flags: --timeout in seconds (default 60), --backend, --json', () => {
  assert.deepEqual(parseVerifyOptions([]), { json: false, backendUrl: undefined, timeoutMs: 60_000 });
  assert.deepEqual(parseVerifyOptions(['--json', '--backend', 'http://h:1', '--timeout', '2.5']), {
    json: true,
    backendUrl: 'http://h:1',
    timeoutMs: 2_500,
  });
  for (const bad of ['0', '-1', 'soon', ''])
    assert.throws(() => parseTimeoutSeconds(bad), /--timeout .* is not a number of seconds/);
  assert.throws(() => parseVerifyOptions(['--wait']), /Unknown option '--wait'/);
});
