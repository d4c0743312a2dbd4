import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './http/client-error.js';

/** Listens on all interfaces (the container's port mapping needs 0.0.0.0) and resolves once bound. */
export async function startServer(app: RequestListener, port: number): Promise<Server> {
  // Host is checked by the app (requireOneHost), so a missing one is answered with JSON too.
  const server = createServer({ requireHostHeader: false }, app);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting connections and resolves once in-flight requests have finished. Connections still
 * open after `graceMs` are cut, so a stuck client cannot hold the shutdown forever.
 */
export async function stopServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(deadline);
  }
}
