/**
 * Issue 13.1: a fresh machine ran the README's `npm test` and met a raw `spawn moto_server ENOENT`.
 * Now the suite checks its prerequisites first; what it cannot install stops it at once, in one line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { canInstallWithApt, missingError, missingPrerequisites, TEST_PREREQUISITES } from './test-prerequisites.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** A PATH holding stand-ins for `names` only. */
function pathWith(names: string[]): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cruddur-path-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('without moto_server, the test command stops at once with one line naming it and its install command', (t) => {
  const bin = pathWith(['chromium', 'docker-compose']);
  t.after(() => bin.remove());
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: bin.path, HOME: process.env.HOME },
  });
  assert.equal(run.status, 1);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    `✖ the tests need moto_server (the AWS emulator (STS, X-Ray traces) the AWS tests talk to), which is not installed — fix: pip install 'moto[server]', then rerun npm test\n`,
  );
});

test('what apt can install is named with one apt-get line, the rest with its own command', () => {
  const error = missingError(TEST_PREREQUISITES);
  assert.equal(
    error.fix,
    "sudo apt-get install -y chromium docker-compose && pip install 'moto[server]', then rerun npm test",
  );
});

test('apt-get is used only as root, and only where it exists', (t) => {
  const bin = pathWith(['apt-get']);
  t.after(() => bin.remove());
  assert.equal(canInstallWithApt(bin.path, 0), true);
  assert.equal(canInstallWithApt(bin.path, 1000), false);
  assert.equal(canInstallWithApt('/nonexistent', 0), false);
});

test('a PATH with everything misses nothing', (t) => {
  const bin = pathWith(TEST_PREREQUISITES.map((p) => p.command));
  t.after(() => bin.remove());
  assert.deepEqual(missingPrerequisites(bin.path), []);
});

test('the README gives the test command and lists every prerequisite the check knows, with how long the suite takes', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /^npm ci && npm test\b/m);
  const section = readme.slice(readme.indexOf('## Tests'));
  assert.ok(section.startsWith('## Tests'), 'README has a Tests section');
  for (const { command, install } of TEST_PREREQUISITES) {
    assert.ok(section.includes(`\`${command}\``), `README names ${command}`);
    assert.ok(section.includes(install), `README gives ${install}`);
  }
  assert.match(section, /takes about \d+ minutes/);
});
