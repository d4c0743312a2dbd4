/**
 * Rollbar token checks. A `post_server_item` token can only be proven by posting an item, so that
 * happens only when asked (`--probe`); otherwise the token's shape and the API's reachability
 * (`GET /api/1/status/ping`, beside the item endpoint) are checked.
 */
import { ToolkitError } from './errors.js';
import { maskSecret } from '@cruddur/trace-contract';

export interface RollbarSettings {
  token: string;
  environment: string;
  /** The item endpoint, e.g. `https://api.rollbar.com/api/1/item/`. */
  endpoint: string;
}

const TOKEN_FIX =
  'copy a post_server_item token from Rollbar (Project → Settings → Project Access Tokens) into ROLLBAR_ACCESS_TOKEN';

/** Project access tokens are 32 hexadecimal characters. */
export function checkRollbarTokenShape(token: string): void {
  if (!/^[0-9a-f]{32}$/i.test(token)) {
    throw new ToolkitError(
      `ROLLBAR_ACCESS_TOKEN ${maskSecret(token)} does not look like a Rollbar access token (expected 32 hexadecimal characters, got ${token.length} characters)`,
      TOKEN_FIX,
    );
  }
}

/** `…/api/1/item/` → `…/api/1/status/ping`. */
export function rollbarPingUrl(endpoint: string): string {
  return new URL('../status/ping', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href;
}

async function request(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new ToolkitError(
      `cannot reach Rollbar at ${new URL(url).origin} for ${what} (${cause})`,
      'check your network or proxy, and ROLLBAR_ENDPOINT',
    );
  }
}

/** Reachability only: any HTTP answer below 500 proves the host is there (self-hosted endpoints may lack the ping). */
export async function pingRollbar(endpoint: string): Promise<void> {
  const url = rollbarPingUrl(endpoint);
  const response = await request(url, {}, 'the status ping');
  if (response.status >= 500)
    throw new ToolkitError(
      `Rollbar answered HTTP ${response.status} at ${url}`,
      'retry in a minute; if it persists check ROLLBAR_ENDPOINT and status.rollbar.com',
    );
}

/** An info item of ours: `message` says why it was posted; `custom` carries what links it to a trace. */
export function rollbarInfoItem(environment: string, message: string, custom: Record<string, unknown> = {}): unknown {
  return {
    data: {
      environment,
      level: 'info',
      platform: 'node',
      language: 'javascript',
      body: { message: { body: message } },
      custom,
    },
  };
}

/** Rollbar was busy or failing (429, 5xx, no answer): worth retrying, unlike a refused token. */
export class RollbarUnavailableError extends Error {
  override name = 'RollbarUnavailableError';
}

/**
 * Posts one item and returns its uuid: the only proof that a `post_server_item` token works. A refused
 * token or item is a ToolkitError (a verdict); a busy or unreachable Rollbar is a RollbarUnavailableError.
 */
export async function postRollbarItem(rollbar: RollbarSettings, item: unknown): Promise<string> {
  let response: Response;
  try {
    response = await fetch(rollbar.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rollbar-access-token': rollbar.token },
      body: JSON.stringify(item),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new RollbarUnavailableError(
      `cannot reach Rollbar at ${new URL(rollbar.endpoint).origin} (${err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err)})`,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as {
    err?: number;
    message?: string;
    result?: { uuid?: string };
  };
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(
      `Rollbar refused ROLLBAR_ACCESS_TOKEN ${maskSecret(rollbar.token)} (HTTP ${response.status}: ${answer.message ?? 'no message'})`,
      TOKEN_FIX,
    );
  }
  if (response.ok && answer.err === 0 && answer.result?.uuid) return answer.result.uuid;
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw new ToolkitError(
      `Rollbar refused the item at ${rollbar.endpoint} (HTTP ${response.status}: ${answer.message ?? 'no message'})`,
      'check ROLLBAR_ENDPOINT ends in /api/1/item/',
    );
  }
  throw new RollbarUnavailableError(
    `Rollbar answered HTTP ${response.status}${answer.message ? `: ${answer.message}` : ''}`,
  );
}

/** Posts one info item; returns its uuid. Proves the token may post, at the cost of one item. */
export async function postRollbarProbe(rollbar: RollbarSettings): Promise<string> {
  try {
    return await postRollbarItem(
      rollbar,
      rollbarInfoItem(rollbar.environment, 'cruddur check-credentials --probe: the token can post items'),
    );
  } catch (err) {
    if (!(err instanceof RollbarUnavailableError)) throw err;
    throw new ToolkitError(
      `Rollbar did not accept the probe item (${err.message})`,
      'check your network or proxy, ROLLBAR_ENDPOINT and status.rollbar.com, then rerun',
    );
  }
}

/** `…/api/1/item/` → `…/api/1/instances`: the project's latest occurrences, for a `read` token. */
export function rollbarInstancesUrl(endpoint: string): string {
  return new URL('../instances', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href;
}

const READ_TOKEN_FIX =
  "copy a token with the read scope of the same Rollbar project as the backend's ROLLBAR_ACCESS_TOKEN (Project → Settings → Project Access Tokens) into ROLLBAR_READ_TOKEN, or unset it";

/**
 * Whether Rollbar lists the occurrence with this uuid among the project's latest (`GET /api/1/instances`;
 * there is no look-up by uuid). A refused read token is a ToolkitError; a busy Rollbar a RollbarUnavailableError.
 */
export async function rollbarLists(endpoint: string, readToken: string, uuid: string): Promise<boolean> {
  const url = rollbarInstancesUrl(endpoint);
  const response = await request(url, { headers: { 'x-rollbar-access-token': readToken } }, 'reading occurrences');
  const answer = (await response.json().catch(() => ({}))) as {
    err?: number;
    message?: string;
    result?: { instances?: Array<{ data?: { uuid?: string } }> };
  };
  if (response.status === 401 || response.status === 403) {
    throw new ToolkitError(
      `Rollbar refused ROLLBAR_READ_TOKEN ${maskSecret(readToken)} (HTTP ${response.status}: ${answer.message ?? 'no message'})`,
      READ_TOKEN_FIX,
    );
  }
  if (!response.ok || answer.err !== 0)
    throw new RollbarUnavailableError(
      `Rollbar answered HTTP ${response.status}${answer.message ? `: ${answer.message}` : ''} at ${url}`,
    );
  return (answer.result?.instances ?? []).some((instance) => instance.data?.uuid === uuid);
}
