/**
 * Request bodies, bounded and decompressed: OTLP exporters may gzip (`OTEL_EXPORTER_OTLP_COMPRESSION`),
 * and a receiver that buffers without a limit is a memory leak waiting for a loop.
 */
import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { HttpError } from './errors.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `body of ${declared} bytes is over the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new HttpError(413, `body is over the ${limit}-byte limit`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  try {
    if (encoding === 'gzip') return gunzipSync(raw, { maxOutputLength: limit });
    if (encoding === 'deflate') return inflateSync(raw, { maxOutputLength: limit });
  } catch (err) {
    throw new HttpError(400, `body could not be decompressed (${encoding}): ${(err as Error).message}`);
  }
  if (encoding !== 'identity') throw new HttpError(415, `unsupported Content-Encoding "${encoding}" (expected gzip, deflate or none)`);
  return raw;
}

/** The body as JSON; a syntax error is the client's fault (400), not ours. */
export async function readJson(req: IncomingMessage, limit?: number): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `body is not JSON: ${(err as Error).message}`);
  }
}
