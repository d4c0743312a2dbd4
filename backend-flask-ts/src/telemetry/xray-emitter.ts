/**
 * The X-Ray SDK's segment emitter, made cheaper per request with the same datagrams (one per
 * segment, framed by the trace contract). The SDK's own `send` serialises each segment twice — the
 * second time only to build a debug line, which is dropped unless debug logging is on — and looks the
 * daemon's host up on every send. This one formats once and sends on one connected socket
 * (`xray-daemon-socket.ts`), which resolves the address again only after a send failed.
 */
import { frameXrayDatagram, type HostPort } from '@cruddur/trace-contract';
import { createDaemonSocket } from './xray-daemon-socket.js';

/** What the SDK's `segment_emitter` module offers (its typings omit that `send` is replaceable). */
export interface SdkSegmentEmitter {
  send(segment: { format(): string }): void;
}

export type EmitterLog = (line: string) => void;

/** Hears each segment once its datagram is written (`error` null) or failed (the delivery record). */
export type SegmentSent = (segment: unknown, error: Error | null) => void;

/**
 * Replaces `emitter.send`. Datagrams to a daemon that is not listening are lost, as with the SDK's
 * emitter; a segment over the datagram limit is logged, as the SDK does. `onSent` is the one place
 * where each datagram's outcome is known; `sent` hears it.
 */
export function installSegmentSender(
  emitter: SdkSegmentEmitter,
  daemon: HostPort,
  log: EmitterLog,
  sent?: SegmentSent,
): void {
  const socket = createDaemonSocket(daemon);
  const onSent = (error: Error | null): void => {
    if ((error as NodeJS.ErrnoException | null)?.code === 'EMSGSIZE')
      log('[telemetry] X-Ray: a segment was too large for one UDP datagram and was dropped');
  };
  emitter.send = (segment) =>
    socket.send(frameXrayDatagram(segment.format()), sent ? (error) => (onSent(error), sent(segment, error)) : onSent);
}
