/**
 * The X-Ray daemon's protocol: one segment per UDP datagram, a JSON header line
 * (`{"format":"json","version":1}`), a newline, then the segment document; and the daemon's address
 * as the SDKs read `AWS_XRAY_DAEMON_ADDRESS` (`host:port` for both protocols, or
 * `udp:host:port tcp:host:port` in either order). TCP on the same port serves sampling rules.
 */

import { parsePort } from './local-state.js';

export interface XraySegment {
  name: string;
  id: string;
  trace_id: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  parent_id?: string;
  type?: 'subsegment';
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  http?: { request?: Record<string, unknown>; response?: Record<string, unknown> };
  cause?: unknown;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: XraySegment[];
  [field: string]: unknown;
}

/** The header line every datagram starts with, newline included. */
export const XRAY_DATAGRAM_HEADER = '{"format":"json","version":1}\n';

/** The daemon drops datagrams above 64 KB; so does everything here. */
export const MAX_DATAGRAM_BYTES = 64 * 1024;

/** One datagram from an already serialised segment document (the backend's hot path). */
export function frameXrayDatagram(segmentJson: string): Buffer {
  return Buffer.from(XRAY_DATAGRAM_HEADER + segmentJson);
}

export function encodeXrayDatagram(segment: XraySegment): Buffer {
  return frameXrayDatagram(JSON.stringify(segment));
}

export function parseXrayDatagram(datagram: Uint8Array): XraySegment {
  if (datagram.byteLength > MAX_DATAGRAM_BYTES)
    throw new Error(`datagram of ${datagram.byteLength} bytes is over the 64 KB limit`);
  const text = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength).toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new Error('datagram has no header line');
  const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; version?: unknown };
  if (header.format !== 'json' || header.version !== 1) {
    throw new Error(`unexpected header ${text.slice(0, newline)} (expected ${XRAY_DATAGRAM_HEADER.trim()})`);
  }
  const segment = JSON.parse(text.slice(newline + 1)) as XraySegment;
  for (const field of ['name', 'id', 'trace_id'] as const) {
    if (typeof segment[field] !== 'string') throw new Error(`segment has no "${field}"`);
  }
  if (typeof segment.start_time !== 'number') throw new Error('segment has no "start_time"');
  return segment;
}

export interface HostPort {
  host: string;
  port: number;
}

export interface DaemonAddress {
  udp: HostPort;
  tcp: HostPort;
}

export function daemonAddressError(raw: string): string {
  return `AWS_XRAY_DAEMON_ADDRESS=${JSON.stringify(raw)} is not host:port or "udp:host:port tcp:host:port"`;
}

function parseHostPort(text: string): HostPort | undefined {
  const colon = text.lastIndexOf(':');
  const port = parsePort(text.slice(colon + 1));
  if (colon <= 0 || port === undefined) return undefined;
  const host = text.slice(0, colon);
  return /\s|:/.test(host) ? undefined : { host, port };
}

/** `undefined` when the value is not an address the SDKs accept. */
export function parseDaemonAddress(raw: string): DaemonAddress | undefined {
  const parts = raw.trim().split(/\s+/);
  if (parts.length === 1) {
    const address = parseHostPort(parts[0]!);
    return address && { udp: address, tcp: address };
  }
  if (parts.length !== 2) return undefined;
  const byProtocol = new Map<string, HostPort | undefined>();
  for (const part of parts) {
    const match = /^(udp|tcp):(.+)$/.exec(part);
    if (!match || byProtocol.has(match[1]!)) return undefined;
    byProtocol.set(match[1]!, parseHostPort(match[2]!));
  }
  const udp = byProtocol.get('udp');
  const tcp = byProtocol.get('tcp');
  return udp && tcp ? { udp, tcp } : undefined;
}

export function formatHostPort({ host, port }: HostPort): string {
  return `${host}:${port}`;
}
