/**
 * One UDP socket connected to the X-Ray daemon. The daemon's address is resolved when the socket
 * connects, not on every send (the SDK's emitter passes the host name to each `send`, which looks it
 * up each time); a send that fails, or an error the kernel reports on the socket (the ICMP "port
 * unreachable" of a daemon that went away), closes it, so the next send resolves and connects again
 * and a daemon container restarted with a new IP keeps receiving. Datagrams sent while the socket
 * connects wait for it, up to a bound.
 */
import { createSocket, type Socket, type SocketOptions } from 'node:dgram';
import type { HostPort } from '@cruddur/trace-contract';

/** Called once per datagram: `null` when the kernel took it, else why it was not sent. */
export type SendDone = (error: Error | null) => void;

export interface DaemonSocket {
  send(datagram: Buffer, done: SendDone): void;
}

/** Datagrams waiting for the socket to connect; more are dropped (reported to `done`). */
export const MAX_WAITING_DATAGRAMS = 256;

/**
 * The socket is unref'd: it never keeps the process alive. `lookup` resolves the daemon's host
 * (default: the system resolver, `dns.lookup`).
 */
export function createDaemonSocket(daemon: HostPort, lookup?: SocketOptions['lookup']): DaemonSocket {
  let socket: Socket | undefined;
  let connected = false;
  const waiting: Array<[Buffer, SendDone]> = [];

  const reset = (error: Error): void => {
    socket?.close();
    socket = undefined;
    connected = false;
    for (const [, done] of waiting.splice(0)) done(error);
  };
  const transmit = (datagram: Buffer, done: SendDone): void => {
    const current = socket!;
    current.send(datagram, (error) => {
      if (error && current === socket) reset(error);
      done(error);
    });
  };
  const open = (): void => {
    const opened = createSocket({ type: 'udp4', ...(lookup && { lookup }) }).unref();
    socket = opened;
    // A failed look-up or connect, or an ICMP error reported later: start afresh at the next send.
    opened.on('error', (error) => opened === socket && reset(error));
    opened.connect(daemon.port, daemon.host, () => {
      if (opened !== socket) return;
      connected = true;
      for (const [datagram, done] of waiting.splice(0)) transmit(datagram, done);
    });
  };

  return {
    send: (datagram, done) => {
      if (connected) return transmit(datagram, done);
      if (!socket) open();
      if (waiting.length < MAX_WAITING_DATAGRAMS) waiting.push([datagram, done]);
      else done(new Error(`more than ${MAX_WAITING_DATAGRAMS} datagrams waiting for the daemon's socket to connect`));
    },
  };
}
