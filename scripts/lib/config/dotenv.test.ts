import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskSecret } from '@cruddur/trace-contract';
import { formatDotenvValue, renderDotenv } from '../env-file.js';
import { DotenvSyntaxError, parseDotenv } from './dotenv.js';

describe('parseDotenv reads the grammar compose and renderDotenv share', () => {
  const rows: Array<[string, string, Record<string, string>]> = [
    ['NAME=value', 'A=1', { A: '1' }],
    ['export NAME=value', 'export A=1', { A: '1' }],
    ['a name called export', 'export=1', { export: '1' }],
    ['blanks around the line and the =', '  A = 1  ', { A: '1' }],
    ['an empty value', 'A=', { A: '' }],
    ['an unquoted value with inner blanks', 'A=two words', { A: 'two words' }],
    ['a comment line', '# A=1\nB=2', { B: '2' }],
    ['an indented comment line', '   # note\nB=2', { B: '2' }],
    ['blank lines', '\n\nA=1\n\n', { A: '1' }],
    ['a comment after an unquoted value', 'A=1 # note', { A: '1' }],
    ['a # inside an unquoted value (no blank before it)', 'A=x#y', { A: 'x#y' }],
    ['single quotes, literally', `A='$HOME \\n "x"'`, { A: '$HOME \\n "x"' }],
    ['an escaped quote in single quotes', `A='it\\'s'`, { A: "it's" }],
    ['a comment after single quotes', `A='x' # note`, { A: 'x' }],
    ['double quotes with escapes', 'A="a\\nb\\tc\\\\d\\"e\\rf"', { A: 'a\nb\tc\\d"e\rf' }],
    ['an unknown escape kept as written', 'A="a\\qb"', { A: 'a\\qb' }],
    ['a # inside double quotes', 'A="x # y" # note', { A: 'x # y' }],
    ['a multi-line double-quoted value', 'A="line 1\n  line 2"\nB=3', { A: 'line 1\n  line 2', B: '3' }],
    ['the later of two assignments', 'A=1\nA=2', { A: '2' }],
    ['CRLF line endings', 'A=1\r\nB="x"\r\n# c\r\nC=3\r\n', { A: '1', B: 'x', C: '3' }],
    ['a BOM', '\uFEFFA=1\nB=2', { A: '1', B: '2' }],
    ['lower-case names', 'a_b=1', { a_b: '1' }],
  ];
  for (const [name, text, expected] of rows) {
    test(name, () => assert.deepEqual(parseDotenv(text), expected));
  }
});

describe('parseDotenv refuses what it cannot read, with the line and the fix', () => {
  const rows: Array<[string, string, number, RegExp]> = [
    [
      'a line without =',
      'A=1\n\nHONEYCOMB_API_KEY hcaik_01EXAMPLEkeykeykeykeykeykey0000',
      3,
      /"HONEYCOMB_API_KEY hcaik_…0000" is not NAME=value — fix: write it as NAME=value \(quote values with spaces\), or remove the line/,
    ],
    [
      "a bare NAME (compose would take the shell's value)",
      'HONEYCOMB_API_KEY',
      1,
      /"HONEYCOMB_API_KEY" is not NAME=value/,
    ],
    ['a YAML-style NAME: value', 'A: 1', 1, /is not NAME=value/],
    ['a name with a dash', 'MY-VAR=1', 1, /is not NAME=value/],
    ['a name starting with a digit', '1A=1', 1, /is not NAME=value/],
    ['a lone lower-case word (it may be a pasted key): masked', 'export', 1, /"…" is not NAME=value/],
    ['an unclosed single quote', "A=1\nB='x", 2, /B's value opens a ' that this line does not close/],
    ['an unclosed double quote', 'A="x\nB=2\n', 1, /A's value opens a " that is never closed/],
    ['text after a closing quote', 'A="x"y', 1, /A's quoted value is followed by more text/],
    [
      'a $ in an unquoted value',
      'A=1\nB=$HOME',
      2,
      /B's value holds a \$, which docker compose would expand — fix: put the value in single quotes/,
    ],
    ['a $ in a double-quoted value', 'A="x\ny$z"', 2, /A's value holds a \$/],
    ['a CRLF file with a bad line', 'A=1\r\nB\r\n', 2, /"B" is not NAME=value/],
  ];
  for (const [name, text, line, message] of rows) {
    test(name, () => {
      assert.throws(
        () => parseDotenv(text, maskSecret),
        (err: unknown) => {
          assert.ok(err instanceof DotenvSyntaxError);
          assert.equal(err.line, line);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  test('a pasted secret without a name is masked whole, never echoed', () => {
    const secret = 'hcaik_01EXAMPLEpastedpastedpastedpasted0000';
    assert.throws(
      () => parseDotenv(secret, maskSecret),
      (err: Error) => !err.message.includes(secret) && err.message.includes(maskSecret(secret)),
    );
  });
  test('a value is not shown at all without a mask', () => {
    assert.throws(
      () => parseDotenv('ROLLBAR_ACCESS_TOKEN 0123456789abcdef0123456789abcdef'),
      /"ROLLBAR_ACCESS_TOKEN …" is not NAME=value/,
    );
  });
});

describe('what renderDotenv writes, parseDotenv reads back unchanged', () => {
  const values = [
    'plain',
    '',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '*4567-abc.ws.gitpod.io*',
    'has space',
    "it's",
    'a"b',
    'x$y',
    'x#y',
    'a # b',
    "it's\non two lines",
    'tab\there',
    'back\\slash',
  ];
  for (const value of values) {
    test(JSON.stringify(value), () => assert.equal(parseDotenv(`K=${formatDotenvValue(value)}\n`).K, value));
  }
  test("a whole file, with the user's lines kept", () => {
    const values = { AWS_REGION: 'eu-west-2', HONEYCOMB_API_KEY: "it's", AWS_XRAY_URL: '*4567-x.gitpod.io*' };
    const text = renderDotenv('# mine\nFOO=bar\nexport AWS_REGION=us-east-1\n', values);
    assert.deepEqual(parseDotenv(text), { FOO: 'bar', ...values });
  });
});
