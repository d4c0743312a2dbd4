import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endAfter } from './settle.js';

function recorder(): { ends: unknown[][]; end: (error?: unknown) => void } {
  const ends: unknown[][] = [];
  return { ends, end: (...args) => void ends.push(args) };
}

test('synchronous work: the unit ends once, with the error when it throws, and the caller sees the same', () => {
  const ok = recorder();
  assert.equal(
    endAfter(() => 42, ok.end),
    42,
  );
  assert.deepEqual(ok.ends, [[]]);

  const failed = recorder();
  const boom = new Error('boom');
  assert.throws(
    () =>
      endAfter(() => {
        throw boom;
      }, failed.end),
    boom,
  );
  assert.deepEqual(failed.ends, [[boom]]);
});

test('asynchronous work: the unit ends when the promise settles, not before', async () => {
  const ok = recorder();
  const pending = endAfter(async () => 'done', ok.end);
  assert.deepEqual(ok.ends, [], 'still running');
  assert.equal(await pending, 'done');
  assert.deepEqual(ok.ends, [[]]);

  const failed = recorder();
  const boom = new Error('later');
  await assert.rejects(
    endAfter(async () => {
      throw boom;
    }, failed.end),
    boom,
  );
  assert.deepEqual(failed.ends, [[boom]]);
});
