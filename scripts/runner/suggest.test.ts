import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName, editDistance } from './suggest.js';

const TASKS = ['setup', 'verify-traces', 'check-credentials', 'build-backend', 'backend', 'bench'];

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('setup', 'setup'), 0);
  assert.equal(editDistance('setpu', 'setup'), 2);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

for (const [input, expected] of [
  ['setpu', 'setup'],
  ['verify', 'verify-traces'],
  ['bakend', 'backend'],
  ['Bench', 'bench'],
  ['check-credential', 'check-credentials'],
  ['deploy', undefined],
  ['x', undefined],
] as const) {
  test(`closestName suggests ${expected === undefined ? 'nothing' : `"${expected}"`} for "${input}"`, () => {
    assert.equal(closestName(input, TASKS), expected);
  });
}
