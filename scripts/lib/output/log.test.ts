import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { createLog } from './log.js';
import { CLEAR_LINE, describeTerminals, isTerminal, shouldColor } from './terminal.js';

describe('shouldColor: NO_COLOR, then FORCE_COLOR, then a terminal that is not dumb', () => {
  const rows: Array<[string, NodeJS.ProcessEnv, boolean, boolean]> = [
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR is unset', { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
  ];
  for (const [name, env, terminal, expected] of rows)
    test(name, () => assert.equal(shouldColor(env, terminal), expected));
});

test("a task under the runner learns which of the runner's streams are terminals", () => {
  assert.equal(describeTerminals({ stdout: { isTTY: true }, stderr: {} }), 'stdout');
  assert.equal(isTerminal({}, 'stdout', { CRUDDUR_TERMINAL: 'stdout,stderr' }), true);
  assert.equal(isTerminal({}, 'stderr', { CRUDDUR_TERMINAL: 'stdout' }), false);
});

function capture(env: NodeJS.ProcessEnv, isTTY: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY });
  const err = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk));
  err.on('data', (chunk: Buffer) => (text += chunk));
  return {
    log: createLog({ env, stdout: out, stderr: err, secrets: ['hcaik_01EXAMPLEsecretsecret7f3a'] }),
    text: () => text,
  };
}

test('markers are coloured on a terminal, lines stay masked, and nothing is coloured in a pipe', () => {
  const tty = capture({}, true);
  tty.log.ok('key hcaik_01EXAMPLEsecretsecret7f3a works');
  tty.log.fail('broken — fix: mend it');
  assert.equal(tty.text(), '\x1b[32m✔\x1b[0m key hcaik_…7f3a works\n\x1b[31m✖\x1b[0m broken — fix: mend it\n');
  const pipe = capture({}, false);
  pipe.log.ok('plain');
  assert.equal(pipe.text(), '✔ plain\n');
});

test('a wait spins on a terminal and clears its line when done; in a pipe it is one step line', () => {
  const tty = capture({ NO_COLOR: '1' }, true);
  tty.log.wait('waiting for the backend').done();
  assert.equal(tty.text(), `${CLEAR_LINE}⠋ waiting for the backend (0 s)${CLEAR_LINE}`);
  const pipe = capture({}, false);
  pipe.log.wait('waiting for the backend').done();
  assert.equal(pipe.text(), '› waiting for the backend\n');
});

test("secrets learnt after the log exists (the config's, from .env) are masked from then on, on every line", () => {
  const out = new PassThrough();
  const err = new PassThrough();
  const log = createLog({ env: {}, stdout: out, stderr: err });
  const secret = 'hcaik_01EXAMPLEfromdotenvfromdotenv7f3a';
  log.maskAlso([secret]);
  log.info(`key ${secret}`);
  log.fail(`still ${secret}`);
  assert.equal(`${out.read()}${err.read()}`, 'key hcaik_…7f3a\n✖ still hcaik_…7f3a\n');
  assert.equal(log.mask(secret), 'hcaik_…7f3a');
});
