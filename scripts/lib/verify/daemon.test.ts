import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { parseDaemonAddress, probeTcp } from './daemon.js';

test('AWS_XRAY_DAEMON_ADDRESS in both of the SDK\'s forms', () => {
  assert.deepEqual(parseDaemonAddress(), { udp: { host: '127.0.0.1', port: 2000 }, tcp: { host: '127.0.0.1', port: 2000 } });
  assert.deepEqual(parseDaemonAddress('tcp:xray-daemon:2001 udp:xray-daemon:2000'), { udp: { host: 'xray-daemon', port: 2000 }, tcp: { host: 'xray-daemon', port: 2001 } });
  assert.throws(() => parseDaemonAddress('xray-daemon'), /is not host:port/);
  assert.throws(() => parseDaemonAddress('udp:a:1 udp:b:2'), /is not host:port/);
});

test('probeTcp tells a listening port from a closed one', async () => {
  const server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  assert.equal(await probeTcp({ host: '127.0.0.1', port }), undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.equal(await probeTcp({ host: '127.0.0.1', port }), 'ECONNREFUSED');
});
