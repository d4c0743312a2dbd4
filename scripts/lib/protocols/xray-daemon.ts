/**
 * The X-Ray daemon's UDP protocol: one segment per datagram, a JSON header line
 * (`{"format":"json","version":1}`), a newline, then the segment document.
 */
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
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: XraySegment[];
  [field: string]: unknown;
}

export const XRAY_HEADER = { format: 'json', version: 1 } as const;

/** The daemon refuses datagrams above 64 KB; so do we. */
export const MAX_DATAGRAM_BYTES = 64 * 1024;

export function parseXrayDatagram(datagram: Uint8Array): XraySegment {
  if (datagram.byteLength > MAX_DATAGRAM_BYTES) throw new Error(`datagram of ${datagram.byteLength} bytes is over the 64 KB limit`);
  const text = Buffer.from(datagram).toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new Error('datagram has no header line');
  const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; version?: unknown };
  if (header.format !== XRAY_HEADER.format || header.version !== XRAY_HEADER.version) {
    throw new Error(`unexpected header ${text.slice(0, newline)} (expected {"format":"json","version":1})`);
  }
  const segment = JSON.parse(text.slice(newline + 1)) as XraySegment;
  for (const field of ['name', 'id', 'trace_id'] as const) {
    if (typeof segment[field] !== 'string') throw new Error(`segment has no "${field}"`);
  }
  if (typeof segment.start_time !== 'number') throw new Error('segment has no "start_time"');
  return segment;
}

export function encodeXrayDatagram(segment: XraySegment): Buffer {
  return Buffer.from(`${JSON.stringify(XRAY_HEADER)}\n${JSON.stringify(segment)}`);
}
