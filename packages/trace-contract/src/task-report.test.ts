import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTaskReport, serializeTaskReport } from './task-report.js';

test('a report survives the file: what is written is what is read', () => {
  const report = { cause: 'the region is not set', fix: 'set AWS_REGION', exitCode: 2 };
  assert.deepEqual(parseTaskReport(serializeTaskReport(report)), report);
});

for (const [name, text] of [
  ['not JSON', '{"cause":'],
  ['null', 'null'],
  ['no fix', '{"cause":"x","exitCode":1}'],
  ['an exit code that is no number', '{"cause":"x","fix":"y","exitCode":"1"}'],
] as const) {
  test(`a malformed report is no report: ${name}`, () => assert.equal(parseTaskReport(text), undefined));
}
