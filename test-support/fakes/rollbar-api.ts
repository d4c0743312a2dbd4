/**
 * Stands in for Rollbar's item API, `POST https://api.rollbar.com/api/1/item/` (point `ROLLBAR_ENDPOINT`
 * at `endpoint`). Items are taken by the inspector's own Rollbar receiver
 * (`@cruddur/inspector/receivers`), which answers as Rollbar does: `{"err":0,"result":{"id":null,
 * "uuid":"…"}}` with the SDK's uuid, 400 for a body that is not JSON, 401 without a token, 422 without
 * `data`; this fake records each item with the access token it came with, and an unknown token (when
 * `tokens` is given) gets Rollbar's 401. Given `readTokens`, it also answers Rollbar's read API for the project's latest
 * occurrences, `GET /api/1/instances` (`{"err":0,"result":{"instances":[{id, item_id, timestamp, data}],
 * "page":1}}`, newest first, `data.uuid` the item's uuid); other tokens get 401 there. It can hang,
 * answer 500, throttle with Rollbar's 429 (`X-Rate-Limit-Remaining: 0`), or close its port.
 */
import {
  receiveRollbarItem,
  ROLLBAR_ITEM_PATH,
  ROLLBAR_TOKEN_HEADER,
  type PostedItem,
} from '@cruddur/inspector/receivers';
import { waitFor } from '../wait.js';
import {
  answer,
  receivedRequest,
  sendReceiverAnswer,
  startFaultyHttpServer,
  type FaultControls,
} from './faulty-http-server.js';
import { TEST_DEADLINE_MS } from '../deadline.js';

/** An item as posted (the receiver's `PostedItem`), its `data` open for tests to read. */
export type ReceivedRollbarItem = PostedItem & { data: Record<string, any> };

export interface FakeRollbarApi extends FaultControls {
  /** The item endpoint, `…/api/1/item/`, for `ROLLBAR_ENDPOINT`. */
  endpoint: string;
  items: ReceivedRollbarItem[];
  /** Resolves with the matching items once at least `count` have arrived; fails after `timeoutMs`. */
  waitForItems(
    match: (item: ReceivedRollbarItem) => boolean,
    options?: { count?: number; timeoutMs?: number; what?: string },
  ): Promise<ReceivedRollbarItem[]>;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const INSTANCES_PATH = '/api/1/instances';

export interface FakeRollbarOptions {
  /** Tokens that may post items; default: any. */
  tokens?: readonly string[];
  /** Tokens with the read scope; without them the read API answers 404. */
  readTokens?: readonly string[];
}

export async function startFakeRollbarApi(options: FakeRollbarOptions = {}): Promise<FakeRollbarApi> {
  const items: ReceivedRollbarItem[] = [];
  const server = await startFaultyHttpServer({
    faultAnswers: {
      error: {
        status: 500,
        headers: JSON_TYPE,
        body: JSON.stringify({ err: 1, message: 'Internal server error (fake)' }),
      },
      throttle: {
        status: 429,
        headers: {
          ...JSON_TYPE,
          'x-rate-limit-limit': '60',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-remaining-seconds': '1',
        },
        body: JSON.stringify({ err: 1, message: 'You have exceeded your rate limit for this project.' }),
      },
    },
    handler: (req, body, res) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'GET' && path.replace(/\/$/, '') === INSTANCES_PATH && options.readTokens) {
        if (!options.readTokens.includes(String(req.headers[ROLLBAR_TOKEN_HEADER] ?? ''))) {
          return answer(res, {
            status: 401,
            headers: JSON_TYPE,
            body: JSON.stringify({ err: 1, message: 'invalid access token' }),
          });
        }
        const instances = items
          .map((item, index) => ({
            id: index + 1,
            item_id: 1,
            timestamp: Math.floor(Date.now() / 1000),
            data: { ...item.data, uuid: item.uuid },
          }))
          .reverse();
        return answer(res, {
          status: 200,
          headers: JSON_TYPE,
          body: JSON.stringify({ err: 0, result: { instances, page: 1 } }),
        });
      }
      if (req.method !== 'POST' || path.replace(/\/?$/, '/') !== ROLLBAR_ITEM_PATH) {
        return answer(res, { status: 404, headers: JSON_TYPE, body: JSON.stringify({ err: 1, message: 'Not found' }) });
      }
      const header = req.headers[ROLLBAR_TOKEN_HEADER];
      const { tokens } = options;
      const request = {
        ...receivedRequest(req, body),
        accessTokenHeader: typeof header === 'string' ? header : undefined,
      };
      sendReceiverAnswer(
        res,
        receiveRollbarItem(request, (item) => items.push(item), tokens && ((token) => tokens.includes(token))),
      );
    },
  });
  return {
    ...server,
    endpoint: `${server.url}${ROLLBAR_ITEM_PATH}`,
    items,
    waitForItems: (match, { count = 1, timeoutMs = TEST_DEADLINE_MS, what = `${count} matching item(s)` } = {}) =>
      waitFor(
        `the Rollbar API to get ${what}`,
        async () => {
          const found = items.filter(match);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      ),
  };
}
