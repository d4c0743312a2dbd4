/**
 * Malformed and hostile input against the real backend process: every answer must be a 4xx JSON
 * page without a stack trace, and the process must still serve afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { APP_WITHOUT_TELEMETRY, startBackendProcess, type BackendProcess } from '../../test-support/backend-process.js';
import { buildRequest, rawRequest } from '../../test-support/raw-http.js';

let backend: BackendProcess;
let port: number;
before(async () => {
  backend = await startBackendProcess({ entry: APP_WITHOUT_TELEMETRY });
  port = Number(new URL(backend.url).port);
});
after(() => backend.stop());

const JSON_TYPE = { 'content-type': 'application/json' };
const POST_ROUTES = ['/api/activities', '/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee/reply', '/api/messages'];
const FIELDS = ['message', 'ttl', 'user_receiver_handle'];
const WRONG_VALUES = [42, 0, -1.5, true, false, ['a'], [], { nested: 'x' }];
const BAD_JSON = [
  '{',
  '{"message":',
  '{"message": "unterminated}',
  "{'message':'single quotes'}",
  '{"a":1,}',
  'nul',
  '"just a string"',
  '42',
  'true',
  '{"message":"\\uZZZZ"}',
  '\u0000',
  '{"a":1}{"b":2}',
  '[',
  '{"message": NaN}',
  '{"message": undefined}',
];
const HOSTILE_PATHS = [
  '/api/activities/..%2f..%2f..%2fetc%2fpasswd',
  '/api/activities/%2e%2e/%2e%2e/etc/passwd',
  '/../../etc/passwd',
  '/api/../../../etc/shadow',
  '/api/activities/%E0%A4%A',
  '/api/activities/%ff%fe',
  '/api/messages/@%C0%AF',
  '/%00',
  '/api/activities/%00',
  '/api/activities/home%00.json',
  '/api/activities/' + 'a'.repeat(5000),
  '/wp-admin/install.php',
  '/.env',
  '/.git/config',
  '/api/activities/;ls',
  '/api/activities/$(id)',
  '/api/activities/<script>alert(1)</script>',
  '/api/activities/@%',
  '/api/activities/search?term[]=a',
  '/api/activities/search?term=a&term=b',
  '/api/activities/search?term[$ne]=1',
  '/api/activities/search?term=a&term=b&term=c',
  '/api/messages/@%ff',
];
const ODD_METHODS = ['PUT', 'DELETE', 'PATCH', 'PROPFIND', 'MKCOL', 'LOCK', 'TRACE', 'FOO', 'GETT', 'get'];
const BROKEN_LINES = [
  'GARBAGE\r\n\r\n',
  'GET\r\n\r\n',
  'GET / HTTP/9.9\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
  'GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n',
  'GET /api/activities/home HTTP/1.1\r\n\r\n',
  'GET /api/activities/home HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
  'POST /api/activities HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
];

function hostileRequests(): Array<[string, Buffer]> {
  const requests: Array<[string, Buffer]> = [];
  const add = (name: string, request: Buffer) => requests.push([name, request]);
  for (const route of POST_ROUTES) {
    for (const body of BAD_JSON)
      add(`bad JSON ${JSON.stringify(body)} to ${route}`, buildRequest('POST', route, { headers: JSON_TYPE, body }));
    for (const field of FIELDS) {
      for (const value of WRONG_VALUES)
        add(
          `${field}=${JSON.stringify(value)} to ${route}`,
          buildRequest('POST', route, { headers: JSON_TYPE, body: JSON.stringify({ [field]: value }) }),
        );
    }
    add(
      `a 2 MB body to ${route}`,
      buildRequest('POST', route, { headers: JSON_TYPE, body: JSON.stringify({ message: 'x'.repeat(2_000_000) }) }),
    );
    add(
      `invalid UTF-8 to ${route}`,
      buildRequest('POST', route, {
        headers: JSON_TYPE,
        body: Buffer.concat([
          Buffer.from('{"message":"'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('","ttl":"1-day"}'),
        ]),
      }),
    );
    add(
      `text/plain to ${route}`,
      buildRequest('POST', route, { headers: { 'content-type': 'text/plain' }, body: 'message=hi' }),
    );
    add(`no content type to ${route}`, buildRequest('POST', route, { body: '{"message":"hi"}' }));
    add(
      `a gzip body to ${route}`,
      buildRequest('POST', route, { headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: 'not gzip' }),
    );
    add(
      `a latin1 charset to ${route}`,
      buildRequest('POST', route, { headers: { 'content-type': 'application/json; charset=ibm500' }, body: '{}' }),
    );
    add(
      `__proto__ to ${route}`,
      buildRequest('POST', route, { headers: JSON_TYPE, body: '{"__proto__":{"isAdmin":true}}' }),
    );
    add(
      `nested __proto__ to ${route}`,
      buildRequest('POST', route, { headers: JSON_TYPE, body: '{"a":{"__proto__":{"isAdmin":true}}}' }),
    );
    add(
      `deep nesting to ${route}`,
      buildRequest('POST', route, { headers: JSON_TYPE, body: '['.repeat(50_000) + ']'.repeat(50_000) }),
    );
  }
  for (const path of HOSTILE_PATHS) add(`GET ${path.slice(0, 60)}`, buildRequest('GET', path));
  for (const method of ODD_METHODS) {
    add(`${method} /api/activities/home`, buildRequest(method, '/api/activities/home'));
    add(`${method} /api/activities`, buildRequest(method, '/api/activities', { headers: JSON_TYPE, body: '{}' }));
  }
  for (const line of BROKEN_LINES)
    add(`broken request ${JSON.stringify(line.slice(0, 30))}`, Buffer.from(line, 'latin1'));
  add('a 20 kB header', buildRequest('GET', '/api/activities/home', { headers: { 'x-huge': 'a'.repeat(20_000) } }));
  add(
    '200 headers of 100 bytes',
    buildRequest('GET', '/api/activities/home', {
      headers: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-h${i}`, 'b'.repeat(100)])),
    }),
  );
  add('a 20 kB URL', buildRequest('GET', `/api/activities/search?term=${'c'.repeat(20_000)}`));
  add(
    'a 20 kB cookie',
    buildRequest('GET', '/api/activities/home', { headers: { cookie: `a=${'d'.repeat(20_000)}` } }),
  );
  add(
    'a hostile x-amzn-trace-id on a missing route',
    buildRequest('GET', '/api/nope', {
      headers: { 'x-amzn-trace-id': 'Root=../../etc;Sampled=9;' + 'e'.repeat(1000) },
    }),
  );
  add(
    'a hostile traceparent on a missing route',
    buildRequest('GET', '/api/nope', { headers: { traceparent: '00-zzzz-yyyy-01' } }),
  );
  return requests;
}

test('200+ malformed or hostile requests each get a 4xx JSON answer without a stack trace', async () => {
  const requests = hostileRequests();
  assert.ok(requests.length >= 200, `only ${requests.length} requests`);
  const failures: string[] = [];
  for (let i = 0; i < requests.length; i += 10) {
    await Promise.all(
      requests.slice(i, i + 10).map(async ([name, request]) => {
        const res = await rawRequest(port, request);
        const problems = [
          res.status >= 400 && res.status < 500 ? '' : `status ${res.status}`,
          (res.headers['content-type'] ?? '').startsWith('application/json')
            ? ''
            : `content-type ${res.headers['content-type']}`,
          /\bat .+:\d+:\d+|node_modules|Error:|<html/i.test(res.body) ? 'stack or HTML in body' : '',
        ].filter(Boolean);
        try {
          JSON.parse(res.body);
        } catch {
          problems.push(`body is not JSON: ${res.body.slice(0, 80)}`);
        }
        if (problems.length > 0) failures.push(`${name}: ${problems.join(', ')}`);
      }),
    );
  }
  assert.deepEqual(failures, []);
});

test('after the hostile requests the process is alive and answers normally', async () => {
  assert.equal(backend.child.exitCode, null);
  const res = await fetch(`${backend.url}/api/health-check`);
  assert.deepEqual(await res.json(), { success: true, ver: 1 });
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
});
