import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadSnapshot, startSnapshotWriter, storeFile } from './persist.js';
import { TraceStore } from './trace-store.js';

let stateDir: string;
before(async () => (stateDir = await mkdtemp(join(tmpdir(), 'inspector-persist-'))));
after(() => rm(stateDir, { recursive: true, force: true }));

test('the file lives under <stateDir>/inspector/', () => {
  assert.equal(storeFile('/x/.cruddur'), '/x/.cruddur/inspector/traces.json');
});

test('a first start has no snapshot and no warning', async () => {
  assert.deepEqual(await loadSnapshot(join(stateDir, 'none', 'traces.json')), {
    snapshot: undefined,
    warning: undefined,
  });
});

test('the writer saves changes after a short delay and on close', async () => {
  const file = join(stateDir, 'a', 'traces.json');
  const store = new TraceStore(undefined);
  const writer = startSnapshotWriter(store, file, { delayMs: 10_000 });
  store.addSegment({
    name: 'backend-flask',
    id: '70de5b6f19ff9a0a',
    trace_id: '1-5f8a1b2c-0123456789abcdef01234567',
    start_time: 1,
  });
  await writer.close();
  const { snapshot } = await loadSnapshot(file);
  assert.equal(snapshot?.traces[0]?.segments[0]?.id, '70de5b6f19ff9a0a');
  assert.deepEqual(await readdir(dirname(file)), ['traces.json'], 'no temp file is left behind');
});

test('an unreadable file is set aside and reported, not fatal', async () => {
  const file = join(stateDir, 'b', 'traces.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, '{"version":1,"traces":[');
  const { snapshot, warning } = await loadSnapshot(file);
  assert.equal(snapshot, undefined);
  assert.match(warning ?? '', /was not a trace snapshot; moved it to .*unreadable-\d+/);
  const [aside] = (await readdir(dirname(file))).filter((name) => name.includes('unreadable'));
  assert.equal(await readFile(join(dirname(file), aside!), 'utf8'), '{"version":1,"traces":[');
});
