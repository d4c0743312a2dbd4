import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderDotenv, writePrivateFile } from './env-file.js';

describe('renderDotenv', () => {
  test("keeps the user's lines and replaces the toolkit's in place", () => {
    const existing = '# mine\nFOO=bar\nAWS_REGION=us-east-1\nexport HONEYCOMB_API_KEY=old\n';
    const text = renderDotenv(existing, {
      AWS_REGION: 'eu-west-2',
      HONEYCOMB_API_KEY: 'new',
      ROLLBAR_ENVIRONMENT: 'dev',
    });
    assert.equal(text, '# mine\nFOO=bar\nAWS_REGION=eu-west-2\nHONEYCOMB_API_KEY=new\nROLLBAR_ENVIRONMENT=dev\n');
  });
  test('a new file starts with a comment saying what it is', () => {
    assert.match(
      renderDotenv('', { AWS_REGION: 'us-east-1' }),
      /^# Written by npm run load-env.*\nAWS_REGION=us-east-1\n$/,
    );
  });
});

test('writePrivateFile leaves a 0600 file, also over a world-readable one', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'env-file-')), '.env');
  writeFileSync(path, 'OLD=1\n', { mode: 0o644 });
  writePrivateFile(path, 'NEW=2\n');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, 'utf8'), 'NEW=2\n');
});
