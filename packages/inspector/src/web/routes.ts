/**
 * The inspector's HTTP port: OTLP/HTTP, the Rollbar item endpoint, the read and admin API, the page
 * and `/healthz`, in one route table. Every failure answers JSON with a status that says whose fault it is.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readJson } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { jsonListener } from '../http/listener.js';
import { sendBytes, sendJson } from '../http/respond.js';
import { readTraceLogs } from '../logs/backend-log.js';
import { otlpJsonExport, traceExport } from '../query/export.js';
import { handleOtlpTraces } from '../receivers/otlp-http.js';
import { handleRollbarItem } from '../receivers/rollbar-item.js';
import type { TraceStore } from '../store/trace-store.js';
import type { StoredTrace } from '../store/types.js';
import { getTrace, health, listTraces, updateLimits } from './api.js';
import type { PageAssets } from './assets.js';
import type { LinkBuilders } from './links.js';

export interface HttpDeps {
  store: TraceStore;
  startedAtMs: number;
  /** The page, read once at start. */
  assets: PageAssets;
  /** The backend's log file, whose lines carry trace ids (`<stateDir>/backend.log` in local mode). */
  backendLog: string;
  links?: LinkBuilders;
  /** A 5xx: a bug here, worth a line in the inspector's log. */
  onError?: (err: unknown, req: IncomingMessage) => void;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  handle: (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => void | Promise<void>;
}

function storedTrace(store: TraceStore, match: RegExpExecArray): StoredTrace {
  const id = decodeURIComponent(match[1]!);
  const trace = store.trace(id);
  if (!trace) throw new HttpError(404, `no trace ${id} here (yet)`);
  return trace;
}

const EXPORTS = ['json', 'otlp'];

function sendExport(res: ServerResponse, store: TraceStore, trace: StoredTrace, format: string): void {
  if (!EXPORTS.includes(format)) throw new HttpError(400, `format=${format} is not one of ${EXPORTS.join(', ')}`);
  const body = format === 'otlp' ? otlpJsonExport(trace) : traceExport(trace, store.itemsOf(trace.traceId));
  res.setHeader('content-disposition', `attachment; filename="trace-${trace.traceId}${format === 'otlp' ? '.otlp' : ''}.json"`);
  sendJson(res, 200, body);
}

function routes(deps: HttpDeps): Route[] {
  const { store, assets } = deps;
  return [
    { method: 'POST', path: /^\/v1\/traces$/, handle: (req, res) => handleOtlpTraces(req, res, store) },
    { method: 'POST', path: /^\/api\/1\/item\/?$/, handle: (req, res) => handleRollbarItem(req, res, store) },
    { method: 'GET', path: /^\/healthz$/, handle: (_req, res) => sendJson(res, 200, health(store, deps.startedAtMs)) },
    { method: 'GET', path: /^\/api\/traces$/, handle: (_req, res, url) => sendJson(res, 200, listTraces(store, url.searchParams)) },
    {
      method: 'DELETE',
      path: /^\/api\/traces$/,
      handle: (_req, res) => {
        const cleared = store.traces().length;
        store.clear();
        sendJson(res, 200, { cleared });
      },
    },
    { method: 'GET', path: /^\/api\/traces\/([^/]+)$/, handle: (_req, res, _url, match) => sendJson(res, 200, getTrace(store, decodeURIComponent(match[1]!), deps.links)) },
    { method: 'GET', path: /^\/api\/traces\/([^/]+)\/logs$/, handle: async (_req, res, _url, match) => sendJson(res, 200, { file: deps.backendLog, lines: await readTraceLogs(deps.backendLog, storedTrace(store, match).traceId) }) },
    { method: 'GET', path: /^\/api\/traces\/([^/]+)\/export$/, handle: (_req, res, url, match) => sendExport(res, store, storedTrace(store, match), url.searchParams.get('format') ?? 'json') },
    { method: 'GET', path: /^\/api\/limits$/, handle: (_req, res) => sendJson(res, 200, store.limits) },
    { method: 'PUT', path: /^\/api\/limits$/, handle: async (req, res) => sendJson(res, 200, updateLimits(store, await readJson(req))) },
    { method: 'GET', path: /^\/(index\.html)?$/, handle: (_req, res) => sendBytes(res, 200, 'text/html; charset=utf-8', assets.page) },
    {
      method: 'GET',
      path: /^\/assets\/([\w.-]+)$/,
      handle: (_req, res, _url, match) => {
        const asset = assets.files.get(match[1]!);
        if (!asset) throw new HttpError(404, `no asset ${match[1]} here`);
        sendBytes(res, 200, asset.contentType, asset.body);
      },
    },
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
