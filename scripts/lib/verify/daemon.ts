/**
 * Whether the X-Ray daemon's TCP port answers. Segments go over UDP, which never says "nobody is
 * listening", so the daemon's TCP sampling port is the honest probe.
 */
import { connect } from 'node:net';
import type { HostPort } from '@cruddur/trace-contract';

/** Undefined when a TCP connection opens; else the error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT…). */
export function probeTcp(address: HostPort, timeoutMs = 2_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}
