import { createServer } from 'node:net';

/** A TCP port that was free a moment ago, for programs that cannot be told to pick port 0. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port could be reserved');
  return address.port;
}
