/**
 * An HTTP server span's attributes in the stable HTTP semantic conventions, as
 * `@opentelemetry/instrumentation-http` 0.223 sets them (the backend's spans looked like that before
 * the one server-span middleware replaced it): the request's on start, split in what the root
 * sampler reads (X-Ray's rules match method, host and path) and what only a recording span needs;
 * the response's on finish.
 */
import type { IncomingMessage } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_NETWORK_PEER_ADDRESS,
  ATTR_NETWORK_PEER_PORT,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
  HTTP_REQUEST_METHOD_VALUE_OTHER,
} from '@opentelemetry/semantic-conventions';
import parseForwarded from 'forwarded-parse';

const SCHEME = 'http';
/** RFC 9110's methods, PATCH and QUERY; any other is `_OTHER`, its spelling in `http.request.method_original`. */
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'QUERY',
]);
/** Query keys whose values are credentials (signed URLs): their values become `REDACTED`. */
const REDACTED_QUERY_KEYS = ['sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature'];

function normalizeMethod(method: string | undefined): string {
  if (method === undefined) return 'GET';
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : HTTP_REQUEST_METHOD_VALUE_OTHER;
}

const firstOf = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function forwardedEntries(req: IncomingMessage): Array<Record<string, string>> {
  const header = req.headers.forwarded;
  if (!header) return [];
  try {
    return parseForwarded(header);
  } catch {
    return [];
  }
}

/** `host[:port]`, `[v6]:port` or `[v6]`; the scheme's port when none is written and the scheme is known. */
function parseHost(host: string, scheme?: string): { address: string; port?: string } {
  const defaultPort = scheme === 'http' ? '80' : scheme === 'https' ? '443' : undefined;
  const parts = host.split(':');
  if (parts.length === 1) return defaultPort ? { address: host, port: defaultPort } : { address: host };
  if (parts.length === 2) return { address: parts[0]!, port: parts[1]! };
  if (parts[0]!.startsWith('[')) {
    if (parts.at(-1)!.endsWith(']')) return defaultPort ? { address: host, port: defaultPort } : { address: host };
    if (parts.at(-2)!.endsWith(']')) return { address: parts.slice(0, -1).join(':'), port: parts.at(-1)! };
  }
  return { address: host };
}

/** `Forwarded: host=`, else `X-Forwarded-Host` (with `X-Forwarded-Proto`), else `Host`. */
function serverAddress(req: IncomingMessage): { address: string; port?: string } | undefined {
  for (const entry of forwardedEntries(req)) if (entry['host']) return parseHost(entry['host'], entry['proto']);
  const forwardedHost = firstOf(req.headers['x-forwarded-host']);
  if (forwardedHost) return parseHost(forwardedHost, firstOf(req.headers['x-forwarded-proto']));
  const host = req.headers.host;
  return host ? parseHost(host, SCHEME) : undefined;
}

/** An address without its port (`Forwarded: for=` and `X-Forwarded-For` may carry one). */
function withoutPort(address: string): string {
  try {
    const { hostname } = new URL(`http://${address}`);
    return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  } catch {
    return address;
  }
}

/** `Forwarded: for=`, else the first `X-Forwarded-For`, else the peer. */
function clientAddress(req: IncomingMessage): string | undefined {
  for (const entry of forwardedEntries(req)) if (entry['for']) return withoutPort(entry['for']);
  const forwardedFor = firstOf(req.headers['x-forwarded-for']);
  if (forwardedFor) return withoutPort(forwardedFor.split(',')[0]!.trim());
  return req.socket.remoteAddress;
}

function parseTarget(req: IncomingMessage): { pathname?: string; search?: string } {
  try {
    const { pathname, search } = new URL(req.url ?? '/', `${SCHEME}://${req.headers.host || 'localhost'}`);
    return { pathname, search };
  } catch {
    return {};
  }
}

function redactQuery(search: string): string {
  const params = new URLSearchParams(search.slice(1));
  for (const key of REDACTED_QUERY_KEYS) if (params.has(key)) params.set(key, 'REDACTED');
  return params.toString();
}

/** The request's attributes, the sampler's first; `recorded` only matters to a span that records. */
export function serverRequestAttributes(req: IncomingMessage): { sampling: Attributes; recorded: () => Attributes } {
  const target = parseTarget(req);
  const server = serverAddress(req);
  const sampling: Attributes = { [ATTR_HTTP_REQUEST_METHOD]: normalizeMethod(req.method), [ATTR_URL_SCHEME]: SCHEME };
  if (server) sampling[ATTR_SERVER_ADDRESS] = server.address;
  if (server?.port !== undefined) sampling[ATTR_SERVER_PORT] = Number(server.port);
  if (target.pathname !== undefined) sampling[ATTR_URL_PATH] = target.pathname;
  const recorded = (): Attributes => {
    const attributes: Attributes = {
      [ATTR_NETWORK_PEER_ADDRESS]: req.socket.remoteAddress,
      [ATTR_NETWORK_PEER_PORT]: req.socket.remotePort,
      [ATTR_NETWORK_PROTOCOL_VERSION]: req.httpVersion,
      [ATTR_USER_AGENT_ORIGINAL]: req.headers['user-agent'],
    };
    if (target.search) attributes[ATTR_URL_QUERY] = redactQuery(target.search);
    const client = clientAddress(req);
    if (client !== undefined) attributes[ATTR_CLIENT_ADDRESS] = client;
    if (req.method !== undefined && req.method !== sampling[ATTR_HTTP_REQUEST_METHOD])
      attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = req.method;
    return attributes;
  };
  return { sampling, recorded };
}
