/**
 * A Rollbar-compatible `POST /api/1/item/`: takes the item as the Rollbar SDKs send it and answers
 * as api.rollbar.com does (`{"err":0,"result":{"id":null,"uuid":…}}`), so `ROLLBAR_ENDPOINT` can point
 * here. Any token is accepted (local mode uses a placeholder), but one must be present, as upstream.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { toXrayTraceId, type TraceStore } from '../store/trace-store.js';
import type { StoredItem } from '../store/types.js';

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The line Rollbar would show: the title, else the message, else `Class: message` of the (first) exception. */
export function itemTitle(data: Json): string {
  const body = object(data.body);
  const exception = object(object(body?.trace)?.exception) ?? object(object((body?.trace_chain as unknown[] | undefined)?.[0])?.exception);
  const exceptionLine = exception && [text(exception.class), text(exception.message)].filter(Boolean).join(': ');
  return text(data.title) ?? text(object(body?.message)?.body) ?? (exceptionLine || '(no message)');
}

export function storedItem(data: Json, receivedMs: number): StoredItem {
  const rawTraceId = text(object(data.custom)?.trace_id);
  const request = object(data.request);
  return {
    uuid: text(data.uuid) ?? randomUUID(),
    receivedMs,
    timestampMs: typeof data.timestamp === 'number' ? data.timestamp * 1000 : undefined,
    traceId: rawTraceId === undefined ? undefined : toXrayTraceId(rawTraceId),
    level: text(data.level) ?? 'error',
    environment: text(data.environment),
    title: itemTitle(data),
    request: request && { method: text(request.method), url: text(request.url) },
  };
}

export async function handleRollbarItem(req: IncomingMessage, res: ServerResponse, store: TraceStore, now = Date.now): Promise<void> {
  const payload = object(await readJson(req));
  const token = text(req.headers['x-rollbar-access-token']) ?? text(payload?.access_token);
  if (token === undefined) {
    sendJson(res, 401, { err: 1, message: 'missing access token (X-Rollbar-Access-Token header or access_token field)' });
    return;
  }
  const data = object(payload?.data);
  if (data === undefined) {
    sendJson(res, 422, { err: 1, message: 'invalid item: "data" must be an object' });
    return;
  }
  const item = storedItem(data, now());
  store.addItem(item);
  sendJson(res, 200, { err: 0, result: { id: null, uuid: item.uuid } });
}
