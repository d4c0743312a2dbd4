/**
 * The daemon's socket against real UDP receivers: its address is looked up once, not per datagram;
 * once the daemon went away (the kernel reports the ICMP error on the connected socket), the next
 * sends look the address up again, so a daemon that came back on another IP (a restarted container)
 * receives.
 */
import assert from 'node:assert/strict';
import { createSocket, type Socket, type SocketOptions } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { waitFor } from '../../../test-support/wait.js';
import { createDaemonSocket } from './xray-daemon-socket.js';

async function receiver(host: string, port = 0): Promise<{ socket: Socket; received: string[] }> {
  const socket = createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (message) => received.push(message.toString()));
  await new Promise<void>((resolve) => socket.bind(port, host, resolve));
  return { socket, received };
}

const close = (socket: Socket) => new Promise<void>((resolve) => socket.close(() => resolve()));

test('a daemon that moves to another IP receives again; the address is looked up once per connection, not per datagram', async () => {
  const first = await receiver('127.0.0.1');
  const { port } = first.socket.address() as AddressInfo;
  let ip = '127.0.0.1';
  let lookups = 0;
  // The socket also looks up its own bind address (0.0.0.0): only the daemon's host is counted.
  const lookup = ((
    host: string,
    _options: unknown,
    callback: (error: Error | null, address: string, family: number) => void,
  ) => {
    if (host !== 'xray-daemon') return callback(null, host, 4);
    lookups++;
    callback(null, ip, 4);
  }) as SocketOptions['lookup'];
  const daemon = createDaemonSocket({ host: 'xray-daemon', port }, lookup);
  const send = (text: string) => daemon.send(Buffer.from(text), () => {});

  for (let i = 0; i < 20; i++) send(`first ${i}`);
  await waitFor('20 datagrams at the first address', async () => (first.received.length === 20 ? true : undefined));
  assert.equal(lookups, 1, 'one look-up for 20 datagrams');

  await close(first.socket);
  ip = '127.0.0.2';
  const moved = await receiver('127.0.0.2', port);
  try {
    let sent = 0;
    await waitFor('a datagram at the new address', async () => {
      send(`moved ${sent++}`);
      return moved.received.length > 0 ? true : undefined;
    });
    assert.ok(
      lookups >= 2 && lookups < sent,
      `looked up again after the failure, not per datagram (${lookups} look-ups, ${sent} sends)`,
    );
  } finally {
    await close(moved.socket);
  }
});
