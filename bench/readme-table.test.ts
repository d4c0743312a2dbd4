import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { README, readmeTable, readResults, withBenchTable } from './readme-table.js';

test("the README's bench table is the table of bench/results.json", async () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readmeTable(readme), readmeTable(await withBenchTable(readme, readResults())));
});

test('rewriting the table keeps the text around it', async () => {
  const readme = readFileSync(README, 'utf8');
  const rewritten = await withBenchTable(readme, { ...readResults(), date: 'another run' });
  assert.match(readmeTable(rewritten), /another run/);
  const around = (text: string) => text.replace(readmeTable(text), '');
  assert.equal(around(rewritten), around(readme));
});
