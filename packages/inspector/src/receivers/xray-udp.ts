/**
 * The X-Ray daemon's segment port: one segment (or independent subsegment) per UDP datagram, parsed
 * with the contract's framing. The inspector stores what `onSegment` gets; the test fake records it.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseXrayDatagram, type XraySegment } from '@cruddur/trace-contract';

export interface UdpReceiver {
  port: number;
  close(): Promise<void>;
}

export interface UdpReceiverOptions {
  host: string;
  /** 0 picks a free one. */
  port: number;
  onSegment: (segment: XraySegment) => void;
  /** Hears about datagrams the daemon would drop too, so a broken sender is visible. */
  onRejected?: (reason: string) => void;
  /** Every datagram as it arrived, before parsing. */
  onDatagram?: (datagram: Buffer) => void;
}

/**
 * Under load the receiving process can be busy for a moment, and the kernel drops loopback datagrams
 * the socket buffer cannot hold: 4 MB (Linux's usual `rmem_max`; it caps larger asks) keeps that loss
 * from being counted against the sender.
 */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export async function startXrayUdpReceiver(options: UdpReceiverOptions): Promise<UdpReceiver> {
  const socket: Socket = createSocket({
    type: isIPv6(options.host) ? 'udp6' : 'udp4',
    recvBufferSize: RECEIVE_BUFFER_BYTES,
  });
  socket.on('message', (datagram) => {
    options.onDatagram?.(datagram);
    let segment: XraySegment;
    try {
      segment = parseXrayDatagram(datagram);
    } catch (err) {
      options.onRejected?.((err as Error).message);
      return;
    }
    options.onSegment(segment);
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
