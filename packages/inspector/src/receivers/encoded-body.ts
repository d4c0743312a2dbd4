/**
 * Request bodies, bounded and decompressed: OTLP exporters may gzip (`OTEL_EXPORTER_OTLP_COMPRESSION`),
 * and a receiver that inflates without a limit is a memory leak waiting for a loop.
 */
import { gunzipSync, inflateSync } from 'node:zlib';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export type DecodedBody = { body: Buffer } | { refused: { status: 400 | 413 | 415; message: string } };

export function decodeContentEncoding(
  raw: Buffer,
  contentEncoding: string | undefined,
  limit = MAX_BODY_BYTES,
): DecodedBody {
  if (raw.byteLength > limit)
    return { refused: { status: 413, message: `body of ${raw.byteLength} bytes is over the ${limit}-byte limit` } };
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  try {
    if (encoding === 'gzip') return { body: gunzipSync(raw, { maxOutputLength: limit }) };
    if (encoding === 'deflate') return { body: inflateSync(raw, { maxOutputLength: limit }) };
  } catch (err) {
    return {
      refused: { status: 400, message: `body could not be decompressed (${encoding}): ${(err as Error).message}` },
    };
  }
  if (encoding !== 'identity')
    return {
      refused: { status: 415, message: `unsupported Content-Encoding "${encoding}" (expected gzip, deflate or none)` },
    };
  return { body: raw };
}
