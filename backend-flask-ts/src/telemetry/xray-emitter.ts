/**
 * The X-Ray SDK's segment emitter, made cheaper per request with the same datagrams (one per
 * segment: `{"format":"json","version":1}` + newline + the segment JSON, to the daemon's UDP port).
 * The SDK's own `send` serialises each segment twice: the second time only to build a debug line,
 * which is dropped unless debug logging is on. This one formats once. The address is still resolved
 * per send, as the SDK does, so a restarted daemon container with a new IP keeps receiving.
 */
import { createSocket, type Socket } from 'node:dgram';

const HEADER = '{"format":"json","version":1}\n';

/** What the SDK's `segment_emitter` module offers (its typings omit that `send` is replaceable). */
export interface SdkSegmentEmitter {
  send(segment: { format(): string }): void;
  getIp(): string;
  getPort(): number;
}

export type EmitterLog = (line: string) => void;

/** Hears each segment once its datagram is written (`error` null) or failed (the delivery record). */
export type SegmentSent = (segment: unknown, error: Error | null) => void;

/**
 * Replaces `emitter.send`. Datagrams to a daemon that is not listening are lost, as with the SDK's
 * emitter; a segment over the datagram limit is logged, as the SDK does.
 */
export function installSegmentSender(emitter: SdkSegmentEmitter, log: EmitterLog, sent?: SegmentSent): void {
  let socket: Socket | undefined;
  const onSent = (error: Error | null): void => {
    if ((error as NodeJS.ErrnoException | null)?.code === 'EMSGSIZE') log('[telemetry] X-Ray: a segment was too large for one UDP datagram and was dropped');
  };
  emitter.send = (segment) => {
    socket ??= createSocket('udp4').unref();
    socket.send(Buffer.from(HEADER + segment.format()), emitter.getPort(), emitter.getIp(), sent ? (error) => (onSent(error), sent(segment, error)) : onSent);
  };
}
