/**
 * Rollbar's item API, `POST /api/1/item/`: takes the item as the Rollbar SDKs send it and answers as
 * api.rollbar.com does (`{"err":0,"result":{"id":null,"uuid":…}}`; errors `{"err":1,"message":…}`:
 * 400 not JSON, 401 no (or a refused) access token, 422 no `data` object), so `ROLLBAR_ENDPOINT` can
 * point here. The inspector accepts any token (local mode uses a placeholder); the fake may refuse some.
 */
import { randomUUID } from 'node:crypto';
import { toXrayTraceId } from '../store/trace-store.js';
import type { StoredItem } from '../store/types.js';
import { jsonAnswer, type Answer, type ReceivedRequest } from './answer.js';
import { decodeContentEncoding } from './encoded-body.js';

export const ROLLBAR_ITEM_PATH = '/api/1/item/';
export const ROLLBAR_TOKEN_HEADER = 'x-rollbar-access-token';

type Json = Record<string, unknown>;

/** An item as posted: `data` holds level, body (message or trace), request, custom, environment, … */
export interface PostedItem {
  /** The SDK's own `data.uuid`, which Rollbar answers with; a new one when the item has none. */
  uuid: string;
  /** The `X-Rollbar-Access-Token` header, or the payload's `access_token`. */
  accessToken: string;
  data: Json;
}

export interface RollbarRequest extends ReceivedRequest {
  accessTokenHeader: string | undefined;
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const refuse = (status: number, message: string) => jsonAnswer(status, { err: 1, message });

export function receiveRollbarItem(
  request: RollbarRequest,
  onItem: (item: PostedItem) => void,
  acceptsToken: (token: string) => boolean = () => true,
): Answer {
  const decoded = decodeContentEncoding(request.body, request.contentEncoding);
  if ('refused' in decoded) return refuse(decoded.refused.status, decoded.refused.message);
  let payload: Json | undefined;
  try {
    payload = object(JSON.parse(decoded.body.toString('utf8')));
  } catch (err) {
    return refuse(400, `Invalid JSON: ${(err as Error).message}`);
  }
  const accessToken = text(request.accessTokenHeader) ?? text(payload?.access_token);
  if (accessToken === undefined)
    return refuse(401, 'missing access token (X-Rollbar-Access-Token header or access_token field)');
  if (!acceptsToken(accessToken)) return refuse(401, 'invalid access token');
  const data = object(payload?.data);
  if (data === undefined) return refuse(422, 'invalid item: "data" must be an object');
  const uuid = text(data.uuid) ?? randomUUID();
  onItem({ uuid, accessToken, data });
  return jsonAnswer(200, { err: 0, result: { id: null, uuid } });
}

/** The line Rollbar would show: the title, else the message, else `Class: message` of the (first) exception. */
export function itemTitle(data: Json): string {
  const body = object(data.body);
  const exception =
    object(object(body?.trace)?.exception) ??
    object(object((body?.trace_chain as unknown[] | undefined)?.[0])?.exception);
  const exceptionLine = exception && [text(exception.class), text(exception.message)].filter(Boolean).join(': ');
  return text(data.title) ?? text(object(body?.message)?.body) ?? (exceptionLine || '(no message)');
}

/** What the inspector keeps of a posted item. */
export function storedItem({ uuid, data }: PostedItem, receivedMs: number): StoredItem {
  const rawTraceId = text(object(data.custom)?.trace_id);
  const request = object(data.request);
  return {
    uuid,
    receivedMs,
    timestampMs: typeof data.timestamp === 'number' ? data.timestamp * 1000 : undefined,
    traceId: rawTraceId === undefined ? undefined : toXrayTraceId(rawTraceId),
    level: text(data.level) ?? 'error',
    environment: text(data.environment),
    title: itemTitle(data),
    request: request && { method: text(request.method), url: text(request.url) },
  };
}
