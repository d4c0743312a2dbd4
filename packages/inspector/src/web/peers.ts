/** Whether a peer address is this machine: IPv4 127/8, IPv6 ::1, or 127/8 mapped into IPv6. */
import { BlockList, isIPv4 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ipv4 = mapped ?? address;
  return isIPv4(ipv4) ? LOOPBACK.check(ipv4, 'ipv4') : LOOPBACK.check(address, 'ipv6');
}
