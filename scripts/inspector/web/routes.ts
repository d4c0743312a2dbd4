/**
 * The inspector's HTTP port: OTLP/HTTP, the Rollbar item endpoint, the read API, the page and
 * `/healthz`, in one route table. Every failure answers JSON with a status that says whose fault it is.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HttpError } from '../http/errors.js';
import { jsonListener } from '../http/listener.js';
import { sendBytes, sendJson } from '../http/respond.js';
import { handleOtlpTraces } from '../receivers/otlp-http.js';
import { handleRollbarItem } from '../receivers/rollbar-item.js';
import type { TraceStore } from '../store/trace-store.js';
import { getTrace, health, listTraces, parseLimit } from './api.js';

export interface HttpDeps {
  store: TraceStore;
  startedAtMs: number;
  /** The page's HTML, read once at start. */
  page: string;
  /** A 5xx: a bug here, worth a line in the inspector's log. */
  onError?: (err: unknown, req: IncomingMessage) => void;
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => void | Promise<void>;
}

function routes(deps: HttpDeps): Route[] {
  const { store } = deps;
  return [
    { method: 'POST', path: /^\/v1\/traces$/, handle: (req, res) => handleOtlpTraces(req, res, store) },
    { method: 'POST', path: /^\/api\/1\/item\/?$/, handle: (req, res) => handleRollbarItem(req, res, store) },
    { method: 'GET', path: /^\/healthz$/, handle: (_req, res) => sendJson(res, 200, health(store, deps.startedAtMs)) },
    { method: 'GET', path: /^\/api\/traces$/, handle: (_req, res, url) => sendJson(res, 200, listTraces(store, parseLimit(url.searchParams.get('limit')))) },
    { method: 'GET', path: /^\/api\/traces\/([^/]+)$/, handle: (_req, res, _url, match) => sendJson(res, 200, getTrace(store, decodeURIComponent(match[1]!))) },
    { method: 'GET', path: /^\/(index\.html)?$/, handle: (_req, res) => sendBytes(res, 200, 'text/html; charset=utf-8', deps.page) },
  ];
}

async function dispatch(table: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://inspector');
  const matching = table.flatMap((route) => {
    const match = route.path.exec(url.pathname);
    return match ? [{ route, match }] : [];
  });
  if (matching.length === 0) throw new HttpError(404, `no ${url.pathname} here`);
  const hit = matching.find(({ route }) => route.method === req.method || (route.method === 'GET' && req.method === 'HEAD'));
  if (!hit) {
    res.setHeader('allow', matching.map(({ route }) => route.method).join(', '));
    throw new HttpError(405, `${url.pathname} does not take ${req.method}`);
  }
  await hit.route.handle(req, res, url, hit.match);
}

export function createHttpHandler(deps: HttpDeps): RequestListener {
  const table = routes(deps);
  return jsonListener((req, res) => dispatch(table, req, res), deps.onError);
}
