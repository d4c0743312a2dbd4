import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secondHalfTrendMiB } from './goals.js';
import type { MemoryRun } from './memory.bench.js';

const run = (samplesMiB: number[]): MemoryRun => ({
  idleMiB: 90,
  rssMiB: samplesMiB.at(-1)!,
  samplesMiB,
  rps: 2000,
  received: { spansPerRequest: 2, segmentsPerRequest: 1 },
});

test('a GC sawtooth around a level is flat: no trend, however high its peaks', () => {
  const sawtooth = [200, 215, 230, 205, 220, 232, 204, 218, 231, 206, 219, 230, 205, 217, 229, 204, 216, 231, 205, 218];
  assert.ok(Math.abs(secondHalfTrendMiB(run(sawtooth))!) < 5, `trend ${secondHalfTrendMiB(run(sawtooth))}`);
});

test('a leak shows as its growth over the second half', () => {
  const leaking = Array.from({ length: 20 }, (_, i) => 200 + 2 * i + (i % 2 ? 3 : -3));
  assert.ok(Math.abs(secondHalfTrendMiB(run(leaking))! - 18) < 2, `trend ${secondHalfTrendMiB(run(leaking))}`);
});

test('too few samples for a trend: not measured', () => {
  assert.equal(secondHalfTrendMiB(run([200, 210])), undefined);
  assert.equal(secondHalfTrendMiB(undefined), undefined);
});
