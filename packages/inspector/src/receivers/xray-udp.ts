/** The X-Ray daemon's segment port: one segment (or independent subsegment) per UDP datagram. */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseXrayDatagram } from '@cruddur/trace-contract';
import type { TraceStore } from '../store/trace-store.js';

export interface UdpReceiver {
  port: number;
  close(): Promise<void>;
}

/** `onRejected` hears about datagrams the daemon would drop too, so a broken sender is visible. */
export async function startXrayUdpReceiver(options: { host: string; port: number; store: TraceStore; onRejected?: (reason: string) => void }): Promise<UdpReceiver> {
  const socket: Socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
  socket.on('message', (datagram) => {
    try {
      options.store.addSegment(parseXrayDatagram(datagram));
    } catch (err) {
      options.onRejected?.((err as Error).message);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
