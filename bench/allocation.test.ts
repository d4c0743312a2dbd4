import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocatedBytes } from './allocation.js';

test('allocation sums every GC line of the stretch, a wrapped (negative) difference as nothing', () => {
  const output = [
    '[1:0x1]   410 ms: pause=1.2 gc=s total_size_before=4074320 total_size_after=3154128 allocated=4074320 promoted=0',
    'listening on http://127.0.0.1:4567',
    '[1:0x1]   444 ms: pause=0.7 gc=s total_size_before=3000000 total_size_after=2900000 allocated=18446744073709397488 promoted=8',
    '[1:0x1]   445 ms: pause=0.3 gc=s total_size_before=3900000 total_size_after=3100000 allocated=1000000 promoted=376',
  ].join('\n');
  assert.equal(allocatedBytes(output), 5_074_320);
});
