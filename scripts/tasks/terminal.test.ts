/**
 * Issue 13.7: the README's commands on a real terminal (a pseudo-terminal from util-linux `script`),
 * through npm and the task runner, whose tasks write to pipes: colour and spinners reach the
 * terminal; NO_COLOR is respected; a pipe gets plain lines.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createRunnableRoot, NPM_QUIET, taskEnv } from '../../test-support/task-process.js';
import { CLEAR_LINE, paint } from '../lib/output/terminal.js';

const root = createRunnableRoot();
const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-state-'));
after(() => [root, stateDir].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `npm run ARGS` on a terminal; what the terminal showed. */
function onTerminal(command: string, env: Record<string, string> = {}): string {
  const run = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    env: taskEnv(root, { ...NPM_QUIET, TERM: 'xterm-256color', CRUDDUR_STATE_DIR: stateDir, ...env }),
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return run.stdout;
}

test('on a terminal, the markers are coloured and a wait shows a spinner line', () => {
  const shown = onTerminal('npm run down -- --mode local');
  assert.ok(shown.includes(`${paint('green', '✔')} the backend was not running`), JSON.stringify(shown));
  assert.ok(shown.includes(`${CLEAR_LINE}${paint('cyan', '⠋')} stopping the backend`), JSON.stringify(shown));
});

test('NO_COLOR keeps the terminal free of colour', () => {
  const shown = onTerminal('npm run down -- --mode local', { NO_COLOR: '1' });
  assert.ok(shown.includes('✔ the backend was not running') && !shown.includes('\x1b[3'), JSON.stringify(shown));
});

test('in a pipe: plain lines, no colour, no spinner', () => {
  const run = spawnSync('npm', ['run', 'down', '--', '--mode', 'local'], {
    cwd: root,
    encoding: 'utf8',
    env: taskEnv(root, { ...NPM_QUIET, TERM: 'xterm-256color', CRUDDUR_STATE_DIR: stateDir }),
  });
  assert.equal(run.status, 0);
  assert.ok(!(run.stdout + run.stderr).includes('\x1b'));
  assert.match(run.stdout, /^› stopping the backend \(it flushes its telemetry first\)$/m);
});
