/**
 * The backend's log lines of one trace, read from its log file on demand.
 *
 * Why a file and not OTLP logs: local mode already writes the backend's output to
 * `<stateDir>/backend.log`, and the backend writes one JSON line per request (and per failure) with
 * its `trace_id`. Reading the file's tail when a trace is opened needs no log pipeline in the
 * backend, no second store to bound, works after an inspector restart, and shows exactly what the
 * developer's log holds. Lines that are not JSON (startup messages) are skipped.
 */
import { open } from 'node:fs/promises';
import { toXrayTraceId } from '../store/trace-store.js';

export interface LogLine {
  /** ISO time as the backend wrote it. */
  time: string | undefined;
  level: string;
  msg: string;
  spanId: string | undefined;
  /** Every other field of the line (method, path, status, duration, error, stack, …). */
  fields: Record<string, unknown>;
}

/** How much of the file's end is read: about 20 000 request lines. */
export const LOG_TAIL_BYTES = 4 * 1024 * 1024;
/** A trace with more lines than this shows its last ones. */
export const MAX_LINES = 500;

async function tail(file: string, bytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // A read that starts mid-file starts mid-line: drop that partial line.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}

function parseLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The lines whose `trace_id` (either spelling) is this trace's, oldest first. */
export async function readTraceLogs(file: string, traceId: string, tailBytes = LOG_TAIL_BYTES): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for (const raw of (await tail(file, tailBytes)).split('\n')) {
    const fields = parseLine(raw.trim());
    if (fields === undefined || typeof fields.trace_id !== 'string' || toXrayTraceId(fields.trace_id) !== traceId)
      continue;
    const { time, level, msg, span_id: spanId, trace_id: _traceId, ...rest } = fields;
    lines.push({
      time: typeof time === 'string' ? time : undefined,
      level: typeof level === 'string' ? level : 'info',
      msg: typeof msg === 'string' ? msg : '',
      spanId: typeof spanId === 'string' ? spanId : undefined,
      fields: rest,
    });
  }
  return lines.slice(-MAX_LINES);
}
