import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { backendLogLine } from '../testing/fixtures.js';
import { readTraceLogs } from './backend-log.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const OTHER = '1-5f8a1b2c-000000000000000000000009';
let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'inspector-logs-'))));
after(() => rm(dir, { recursive: true, force: true }));

test('the lines of one trace, by either spelling of its id; other lines and plain text are skipped', async () => {
  const file = join(dir, 'backend.log');
  await writeFile(
    file,
    [
      '--- 2026-01-01T00:00:00.000Z node main.js',
      '[backend] listening on http://0.0.0.0:4567',
      backendLogLine(TRACE_ID, { span_id: 'd000000000000001', status: 200 }),
      backendLogLine(OTHER, { status: 200 }),
      JSON.stringify({
        level: 'error',
        msg: 'GET /rollbar/error failed',
        trace_id: TRACE_ID,
        stack: 'Error: x\n    at y',
      }),
      '{"half a line',
    ].join('\n'),
  );
  const lines = await readTraceLogs(file, TRACE_ID);
  assert.deepEqual(
    lines.map((line) => [line.level, line.msg, line.spanId, line.fields]),
    [
      ['info', 'GET /api/activities/home 200', 'd000000000000001', { status: 200 }],
      ['error', 'GET /rollbar/error failed', undefined, { stack: 'Error: x\n    at y' }],
    ],
  );
});

test('only the end of a big file is read, from a whole line', async () => {
  const file = join(dir, 'big.log');
  const line = backendLogLine(TRACE_ID, { status: 200 });
  await writeFile(file, `${line}\n`.repeat(100));
  const lines = await readTraceLogs(file, TRACE_ID, (line.length + 1) * 10 + 5);
  assert.equal(lines.length, 10);
});

test('no file yet is no lines', async () => assert.deepEqual(await readTraceLogs(join(dir, 'none.log'), TRACE_ID), []));
