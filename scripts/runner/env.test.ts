import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTaskEnv, getCallerDir, readEnvFile } from './env.js';
import { tempDir } from './testing.js';

const base = { callerDir: '/home/me/repo/sub', taskDir: '/home/me/repo' };

for (const [variable, processEnv, fileEnv, expected] of [
  ['from the process only', { A: 'process' }, {}, 'process'],
  ['from the env file only', {}, { A: 'file' }, 'file'],
  ['in both: the process wins', { A: 'process' }, { A: 'file' }, 'process'],
  ['in neither', {}, {}, undefined],
] as const) {
  test(`createTaskEnv: a variable ${variable}`, () => {
    assert.equal(createTaskEnv({ ...base, processEnv, fileEnv }).A, expected);
  });
}

test('createTaskEnv puts the caller directory in INIT_CWD and node_modules/.bin first on PATH', () => {
  const env = createTaskEnv({ ...base, processEnv: { PATH: '/usr/bin:/bin' } });
  assert.equal(env.INIT_CWD, '/home/me/repo/sub');
  assert.equal(env.PATH, '/home/me/repo/node_modules/.bin:/usr/bin:/bin');
});

test('getCallerDir keeps the INIT_CWD npm set, else takes the working directory', () => {
  assert.equal(getCallerDir({ INIT_CWD: '/from/npm' }, '/repo'), '/from/npm');
  assert.equal(getCallerDir({}, '/repo'), '/repo');
});

test('readEnvFile parses dotenv syntax: comments, quotes, export', (t) => {
  const path = join(tempDir(t), '.env');
  writeFileSync(path, '# comment\nA=1\nB="two words"\nexport C=3\n');
  assert.deepEqual(readEnvFile(path), { A: '1', B: 'two words', C: '3' });
});

test('readEnvFile names a missing file and the fix', () => {
  assert.throws(
    () => readEnvFile('/nope/.env'),
    /env file \/nope\/\.env cannot be read — check the path given to --env-file/,
  );
});

test('readEnvFile names the file, the line and the fix of a malformed line, without its value', (t) => {
  const path = join(tempDir(t), 'ci.env');
  writeFileSync(path, 'A=1\nROLLBAR_ACCESS_TOKEN 0123456789abcdef0123456789abcdef\n');
  assert.throws(
    () => readEnvFile(path),
    (err: Error) => {
      assert.match(
        err.message,
        new RegExp(
          `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: "ROLLBAR_ACCESS_TOKEN …cdef" is not NAME=value — write it as NAME=value`,
        ),
      );
      assert.doesNotMatch(err.message, /0123456789abcdef0123/);
      return true;
    },
  );
});
