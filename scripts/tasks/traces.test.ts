import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createProjectRoot, runTaskProcess } from '../../test-support/task-process.js';
import { FAILED_ID, startSeededInspector, type SeededInspector } from '@cruddur/inspector/testing';

describe('npm run traces', () => {
  const root = createProjectRoot();
  let seeded: SeededInspector;
  const traces = (args: string[]) =>
    runTaskProcess('traces', args, { root, env: { CRUDDUR_INSPECTOR_HTTP_PORT: String(seeded.inspector.httpPort) } });
  before(async () => (seeded = await startSeededInspector()));
  after(async () => {
    await seeded.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('prints the merged tree of a trace within the width it is given (80 columns)', async () => {
    const run = await traces(['--trace', FAILED_ID, '--width', '80']);
    assert.equal(run.code, 0, run.output);
    // The page's link at the end is a URL: cut, it would not open.
    const lines = run.stdout.split('\n').filter((line) => !line.includes('http://'));
    assert.ok(
      lines.every((line) => line.length <= 80),
      run.stdout,
    );
    assert.match(run.stdout, /^✖ backend-flask GET \/rollbar\/error {2}31\.0 ms {2}1 segment · 2 spans · 1 item$/m);
    assert.match(run.stdout, /^✖ GET \/rollbar\/error \(backend-flask 500\) +31\.0 ms █+$/m);
    assert.match(run.stdout, /^├─ ✖ X-Ray backend-flask .* +30\.0 ms █+·*$/m);
    assert.match(run.stdout, /^ {3}└─ ✖ OTel request handler .* +17\.0 ms ·+█+◆█*·+$/m);
    assert.match(run.stdout, /^◆ Rollbar error: Error: Rollbar test error {2}0a4f7c7e-/m);
  });

  test('a width below 40 columns is refused with the fix', async () => {
    const run = await traces(['--width', '20']);
    assert.equal(run.code, 1);
    assert.match(run.output, /--width 20 is not a whole number of at least 40/);
  });
});
