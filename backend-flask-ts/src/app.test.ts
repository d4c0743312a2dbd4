import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serveApp, TEST_NOW, type ServedApp } from './testing/serve-app.js';

let app: ServedApp;
const reported: string[] = [];
before(async () => {
  app = await serveApp({ reporter: { warning: (message) => reported.push(message) } });
});
after(() => app.close());

const at = (hours: number) => new Date(TEST_NOW.getTime() + hours * 3_600_000).toISOString().replace('Z', '+00:00');
const days = (n: number) => at(24 * n);

/** JSON bodies are asserted field by field, so they are typed loosely on purpose. */
type Json = any;

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const res = await fetch(`${app.url}${path}`, { headers });
  return {
    status: res.status,
    headers: res.headers,
    body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
  };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('GET routes answer the week-2 shapes', () => {
  test('/api/health-check', async () => {
    const { status, body } = await get('/api/health-check');
    assert.equal(status, 200);
    assert.deepEqual(body, { success: true, ver: 1 });
  });

  test('/api/activities/home: three activities in order, with counts and replies, times relative to now', async () => {
    const { status, body } = await get('/api/activities/home');
    assert.equal(status, 200);
    assert.deepEqual(body, [
      {
        uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
        handle: 'Andrew Brown',
        message: 'Cloud is very fun!',
        created_at: days(-2),
        expires_at: days(5),
        likes_count: 5,
        replies_count: 1,
        reposts_count: 0,
        replies: [
          {
            uuid: '26e12864-1c26-5c3a-9658-97a10f8fea67',
            reply_to_activity_uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
            handle: 'Worf',
            message: 'This post has no honor!',
            likes_count: 0,
            replies_count: 0,
            reposts_count: 0,
            created_at: days(-2),
          },
        ],
      },
      {
        uuid: '66e12864-8c26-4c3a-9658-95a10f8fea67',
        handle: 'Worf',
        message: 'I am out of prune juice',
        created_at: days(-7),
        expires_at: days(9),
        likes_count: 0,
        replies_count: 0,
        reposts_count: 0,
        replies: [],
      },
      {
        uuid: '248959df-3079-4947-b847-9e0892d1bab4',
        handle: 'Garek',
        message: 'My dear doctor, I am just simple tailor',
        created_at: at(-1),
        expires_at: at(12),
        likes_count: 0,
        replies_count: 0,
        reposts_count: 0,
        replies: [],
      },
    ]);
  });

  test("/api/activities/notifications: coco's unicorn with one reply from worf", async () => {
    const { status, body } = await get('/api/activities/notifications');
    assert.equal(status, 200);
    assert.equal(body.length, 1);
    assert.equal(body[0].handle, 'coco');
    assert.equal(body[0].message, 'I am white unicorn');
    assert.deepEqual(
      body[0].replies.map((r: { handle: string }) => r.handle),
      ['worf'],
    );
  });

  test('/api/activities/@andrewbrown: one activity created a day ago, expiring in 31 days', async () => {
    assert.deepEqual((await get('/api/activities/@andrewbrown')).body, [
      {
        uuid: '248959df-3079-4947-b847-9e0892d1bab4',
        handle: 'Andrew Brown',
        message: 'Cloud is fun!',
        created_at: days(-1),
        expires_at: days(31),
      },
    ]);
  });

  test('/api/activities/search?term=cloud: one hit created now', async () => {
    assert.deepEqual((await get('/api/activities/search?term=cloud')).body, [
      {
        uuid: '248959df-3079-4947-b847-9e0892d1bab4',
        handle: 'Andrew Brown',
        message: 'Cloud is fun!',
        created_at: at(0),
      },
    ]);
  });

  test('/api/activities/:uuid: the activity with its replies list; unknown ids are 404', async () => {
    const { status, body } = await get('/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee');
    assert.equal(status, 200);
    assert.equal(body.length, 1);
    assert.equal(body[0].message, 'Cloud is very fun!');
    assert.ok(Array.isArray(body[0].replies));
    assert.equal(body[0].replies[0].message, 'This post has no honor!');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await get(`/api/activities/${id}`);
      assert.equal(missing.status, 404, id);
      assert.equal(missing.body.error, 'not_found');
    }
  });

  test('/api/message_groups: Andrew Brown and Worf', async () => {
    assert.deepEqual((await get('/api/message_groups')).body, [
      {
        uuid: '24b95582-9e7b-4e0a-9ad1-639773ab7552',
        display_name: 'Andrew Brown',
        handle: 'andrewbrown',
        created_at: at(0),
      },
      { uuid: '417c360e-c4e6-4fce-873b-d2d71469b4ac', display_name: 'Worf', handle: 'worf', created_at: at(0) },
    ]);
  });

  test('/api/messages/@worf: two messages by andrewbrown', async () => {
    const { body } = await get('/api/messages/@worf');
    assert.deepEqual(
      body.map((m: { uuid: string; message: string; handle: string }) => [m.uuid, m.message, m.handle]),
      [
        ['4e81c06a-db0f-4281-b4cc-98208537772a', 'Cloud is fun!', 'andrewbrown'],
        ['66e12864-8c26-4c3a-9658-95a10f8fea67', 'This platform is great!', 'andrewbrown'],
      ],
    );
  });

  test('/rollbar/test answers Hello World! and reports a warning', async () => {
    const { status, body, headers } = await get('/rollbar/test');
    assert.equal(status, 200);
    assert.equal(body, 'Hello World!');
    assert.match(headers.get('content-type') ?? '', /^text\/plain/);
    assert.deepEqual(reported, ['Hello World!']);
  });

  test('/rollbar/error answers 500 JSON without a stack', async () => {
    const { status, body } = await get('/rollbar/error');
    assert.equal(status, 500);
    assert.deepEqual(Object.keys(body), ['error', 'message']);
    assert.equal(body.error, 'internal_error');
    assert.doesNotMatch(JSON.stringify(body), /at .*\.ts|Error:/);
  });
});

describe('422 answers list every error code that applies', () => {
  const rows: Array<[string, string, 'GET' | 'POST', unknown, string[]]> = [
    ['blank handle', '/api/activities/@', 'GET', undefined, ['blank_user_handle']],
    ['white-space handle', '/api/activities/@%20', 'GET', undefined, ['blank_user_handle']],
    ['no search term', '/api/activities/search', 'GET', undefined, ['search_term_blank']],
    ['blank search term', '/api/activities/search?term=', 'GET', undefined, ['search_term_blank']],
    ['blank message and ttl', '/api/activities', 'POST', { message: '', ttl: '' }, ['ttl_blank', 'message_blank']],
    ['missing message and ttl', '/api/activities', 'POST', {}, ['ttl_blank', 'message_blank']],
    [
      'activity over 280 chars',
      '/api/activities',
      'POST',
      { message: 'x'.repeat(281), ttl: '7-days' },
      ['message_exceed_max_chars'],
    ],
    ['unknown ttl', '/api/activities', 'POST', { message: 'hi', ttl: '2-weeks' }, ['ttl_invalid']],
    [
      'blank reply',
      '/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee/reply',
      'POST',
      { message: ' ' },
      ['message_blank'],
    ],
    [
      'reply over 1024 chars',
      '/api/activities/68f126b0-1ceb-4a33-88be-d90fa7109eee/reply',
      'POST',
      { message: 'x'.repeat(1025) },
      ['message_exceed_max_chars'],
    ],
    [
      'blank message and receiver',
      '/api/messages',
      'POST',
      { user_receiver_handle: '', message: '' },
      ['user_reciever_handle_blank', 'message_blank'],
    ],
    [
      'message over 1024 chars',
      '/api/messages',
      'POST',
      { user_receiver_handle: 'worf', message: 'x'.repeat(1025) },
      ['message_exceed_max_chars'],
    ],
  ];
  for (const [name, path, method, body, codes] of rows) {
    test(name, async () => {
      const res = method === 'GET' ? await get(path) : await post(path, body);
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, codes);
    });
  }

  test('limits count characters, not UTF-16 units: 280 emoji are allowed', async () => {
    assert.equal((await post('/api/activities', { message: '🚀'.repeat(280), ttl: '1-hour' })).status, 200);
  });
});

describe('POST routes create what they are given', () => {
  test('POST /api/activities: the new activity, expiring after its ttl', async () => {
    const { status, body } = await post('/api/activities', { message: 'Cloud is fun!', ttl: '3-hours' });
    assert.equal(status, 200);
    assert.match(body.uuid, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...body, uuid: 'x' },
      {
        uuid: 'x',
        display_name: 'Andrew Brown',
        handle: 'andrewbrown',
        message: 'Cloud is fun!',
        created_at: at(0),
        expires_at: at(3),
      },
    );
  });

  test('every ttl the frontend offers is accepted', async () => {
    const hours: Record<string, number> = {
      '30-days': 720,
      '7-days': 168,
      '3-days': 72,
      '1-day': 24,
      '12-hours': 12,
      '3-hours': 3,
      '1-hour': 1,
    };
    for (const [ttl, h] of Object.entries(hours)) {
      assert.equal((await post('/api/activities', { message: 'hi', ttl })).body.expires_at, at(h), ttl);
    }
  });

  test('POST /api/activities/:uuid/reply: the reply, pointing at its activity', async () => {
    const { status, body } = await post('/api/activities/66e12864-8c26-4c3a-9658-95a10f8fea67/reply', {
      message: "Prune juice is a warrior's drink",
    });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), [
      'created_at',
      'display_name',
      'handle',
      'message',
      'reply_to_activity_uuid',
      'uuid',
    ]);
    assert.equal(body.reply_to_activity_uuid, '66e12864-8c26-4c3a-9658-95a10f8fea67');
    assert.equal(body.handle, 'andrewbrown');
  });

  test('POST /api/messages: the message by the signed-in user', async () => {
    const { status, body } = await post('/api/messages', { user_receiver_handle: 'worf', message: 'Qapla!' });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['created_at', 'display_name', 'handle', 'message', 'uuid']);
    assert.equal(body.message, 'Qapla!');
    assert.equal(body.created_at, at(0));
  });
});

describe('CORS on /api/* only', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${app.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,traceparent,x-amzn-trace-id',
      },
    });

  test('an allowed origin gets methods, the trace headers, and exposed trace headers', async () => {
    const res = await preflight('/api/activities', 'http://localhost:3000');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.equal(res.headers.get('access-control-allow-methods'), 'OPTIONS,GET,HEAD,POST');
    assert.equal(
      res.headers.get('access-control-allow-headers'),
      'content-type,if-modified-since,traceparent,tracestate,x-amzn-trace-id',
    );
    const simple = await fetch(`${app.url}/api/activities/home`, { headers: { origin: 'http://localhost:3000' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.equal(
      simple.headers.get('access-control-expose-headers'),
      'location,link,traceparent,tracestate,x-amzn-trace-id,traceresponse',
    );
  });

  test('a refused origin gets no CORS headers', async () => {
    const res = await preflight('/api/activities', 'https://evil.example');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const simple = await fetch(`${app.url}/api/activities/home`, { headers: { origin: 'https://evil.example' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), null);
  });

  test('routes outside /api get no CORS headers', async () => {
    const res = await fetch(`${app.url}/rollbar/test`, { headers: { origin: 'http://localhost:3000' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('errors are JSON pages', () => {
  const rows: Array<[string, RequestInit & { path: string }, number, string]> = [
    ['an unknown route', { path: '/api/nope' }, 404, 'not_found'],
    ['an unknown top-level path', { path: '/' }, 404, 'not_found'],
    [
      'bad JSON',
      { path: '/api/activities', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' },
      400,
      'invalid_json',
    ],
    [
      'a wrong type',
      {
        path: '/api/activities',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"message":42,"ttl":"1-day"}',
      },
      400,
      'invalid_field',
    ],
    [
      'a JSON array body',
      { path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1]' },
      400,
      'invalid_body',
    ],
    [
      'a body over 100 kB',
      {
        path: '/api/activities',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'x'.repeat(110_000) }),
      },
      413,
      'body_too_large',
    ],
    [
      'a form body',
      {
        path: '/api/activities',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'message=hi',
      },
      415,
      'unsupported_media_type',
    ],
    [
      'a __proto__ key',
      {
        path: '/api/activities',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"__proto__":{"polluted":true},"message":"hi","ttl":"1-day"}',
      },
      400,
      'invalid_json',
    ],
    ['a repeated query parameter', { path: '/api/activities/search?term=a&term=b' }, 400, 'invalid_query'],
  ];
  for (const [name, { path, ...init }, status, code] of rows) {
    test(name, async () => {
      const res = await fetch(`${app.url}${path}`, init);
      assert.equal(res.status, status);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body: Json = await res.json();
      assert.equal(body.error, code);
      assert.equal(typeof body.message, 'string');
    });
  }

  test('prototype pollution attempts leave Object.prototype alone', () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
