import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { probeTcp } from './daemon.js';

test('probeTcp tells a listening port from a closed one', async () => {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  assert.equal(await probeTcp({ host: '127.0.0.1', port }), undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.equal(await probeTcp({ host: '127.0.0.1', port }), 'ECONNREFUSED');
});
