/**
 * Where the X-Ray daemon listens, as the SDK reads `AWS_XRAY_DAEMON_ADDRESS` (`host:port`, or
 * `udp:host:port tcp:host:port`), and whether its TCP port answers. Segments go over UDP, which
 * never says "nobody is listening", so the daemon's TCP sampling port is the honest probe.
 */
import { connect } from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

export const DEFAULT_DAEMON_ADDRESS = '127.0.0.1:2000';

function hostPort(text: string, raw: string): HostPort {
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`AWS_XRAY_DAEMON_ADDRESS="${raw}" is not host:port or "udp:host:port tcp:host:port"`);
  return { host: text.slice(0, colon), port };
}

export function parseDaemonAddress(raw = DEFAULT_DAEMON_ADDRESS): { udp: HostPort; tcp: HostPort } {
  const parts = raw.trim().split(/\s+/);
  if (parts.length === 1) {
    const address = hostPort(parts[0]!, raw);
    return { udp: address, tcp: address };
  }
  const byProtocol = new Map(parts.map((part) => [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)]));
  const udp = byProtocol.get('udp');
  const tcp = byProtocol.get('tcp');
  if (parts.length !== 2 || udp === undefined || tcp === undefined) throw new Error(`AWS_XRAY_DAEMON_ADDRESS="${raw}" is not host:port or "udp:host:port tcp:host:port"`);
  return { udp: hostPort(udp, raw), tcp: hostPort(tcp, raw) };
}

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
