/**
 * The inspector's HTTP port: OTLP/HTTP and the Rollbar item endpoint (the shared receivers, fed raw
 * bytes), the read and admin API, the page and `/healthz`, as Fastify routes.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { readTraceLogs } from '../logs/backend-log.js';
import { otlpJsonExport, traceExport } from '../query/export.js';
import { OTLP_TRACES_PATH, receiveOtlpTraces } from '../receivers/otlp-http.js';
import { receiveRollbarItem, ROLLBAR_ITEM_PATH, ROLLBAR_TOKEN_HEADER, storedItem } from '../receivers/rollbar-item.js';
import type { TraceStore } from '../store/trace-store.js';
import type { StoredTrace } from '../store/types.js';
import { getTrace, health, listTraces, updateLimits } from './api.js';
import type { PageAssets } from './assets.js';
import { acceptRawBodies, header, rawBody, registerRoutes, sendAnswer } from './http-app.js';
import { HttpError } from './http-error.js';
import type { LinkBuilders } from './links.js';
import { isLoopback } from './peers.js';

export interface HttpDeps {
  store: TraceStore;
  startedAtMs: number;
  /** The page, read once at start. */
  assets: PageAssets;
  /** The backend's log file, whose lines carry trace ids (`<stateDir>/backend.log` in local mode). */
  backendLog: string;
  links?: LinkBuilders;
  /** `DELETE /api/traces` from other machines too; by default only from this one (loopback peers). */
  remoteClear?: boolean;
}

type IdParams = { Params: { id: string } };

function storedTrace(store: TraceStore, id: string): StoredTrace {
  const trace = store.trace(id);
  if (!trace) throw new HttpError(404, `no trace ${id} here (yet)`);
  return trace;
}

const EXPORTS = ['json', 'otlp'];

function searchParams(request: FastifyRequest): URLSearchParams {
  return new URL(request.url, 'http://inspector').searchParams;
}

function receiverRoutes(store: TraceStore): RouteOptions[] {
  const rollbar: RouteOptions['handler'] = (request, reply) =>
    sendAnswer(
      reply,
      receiveRollbarItem(
        {
          contentType: header(request, 'content-type'),
          contentEncoding: header(request, 'content-encoding'),
          body: rawBody(request),
          accessTokenHeader: header(request, ROLLBAR_TOKEN_HEADER),
        },
        (item) => store.addItem(storedItem(item, Date.now())),
      ),
    );
  return [
    {
      method: 'POST',
      url: OTLP_TRACES_PATH,
      handler: (request, reply) =>
        sendAnswer(
          reply,
          receiveOtlpTraces(
            {
              contentType: header(request, 'content-type'),
              contentEncoding: header(request, 'content-encoding'),
              body: rawBody(request),
            },
            (spans) => store.addSpans(spans),
          ),
        ),
    },
    { method: 'POST', url: ROLLBAR_ITEM_PATH, handler: rollbar },
    { method: 'POST', url: ROLLBAR_ITEM_PATH.replace(/\/$/, ''), handler: rollbar },
  ];
}

function apiRoutes(deps: HttpDeps): RouteOptions[] {
  const { store, assets } = deps;
  return [
    { method: 'GET', url: '/healthz', handler: async () => health(store, deps.startedAtMs) },
    { method: 'GET', url: '/api/traces', handler: async (request) => listTraces(store, searchParams(request)) },
    {
      method: 'DELETE',
      url: '/api/traces',
      handler: async (request) => {
        const peer = request.socket.remoteAddress ?? 'an unknown address';
        if (!deps.remoteClear && !isLoopback(peer))
          throw new HttpError(
            403,
            `clearing the traces is only allowed from this machine (the request came from ${peer}); run it on the machine the inspector runs on`,
          );
        const cleared = store.traces().length;
        store.clear();
        return { cleared };
      },
    },
    {
      method: 'GET',
      url: '/api/traces/:id',
      handler: async (request) => getTrace(store, (request as FastifyRequest<IdParams>).params.id, deps.links),
    },
    {
      method: 'GET',
      url: '/api/traces/:id/logs',
      handler: async (request) => ({
        file: deps.backendLog,
        lines: await readTraceLogs(
          deps.backendLog,
          storedTrace(store, (request as FastifyRequest<IdParams>).params.id).traceId,
        ),
      }),
    },
    {
      method: 'GET',
      url: '/api/traces/:id/export',
      handler: async (request, reply) => {
        const trace = storedTrace(store, (request as FastifyRequest<IdParams>).params.id);
        const format = searchParams(request).get('format') ?? 'json';
        if (!EXPORTS.includes(format)) throw new HttpError(400, `format=${format} is not one of ${EXPORTS.join(', ')}`);
        reply.header(
          'content-disposition',
          `attachment; filename="trace-${trace.traceId}${format === 'otlp' ? '.otlp' : ''}.json"`,
        );
        return format === 'otlp' ? otlpJsonExport(trace) : traceExport(trace, store.itemsOf(trace.traceId));
      },
    },
    { method: 'GET', url: '/api/limits', handler: async () => store.limits },
    { method: 'PUT', url: '/api/limits', handler: async (request) => updateLimits(store, request.body) },
    { method: 'GET', url: '/', handler: (_request, reply) => reply.type('text/html; charset=utf-8').send(assets.page) },
    {
      method: 'GET',
      url: '/index.html',
      handler: (_request, reply) => reply.type('text/html; charset=utf-8').send(assets.page),
    },
    {
      method: 'GET',
      url: '/assets/:name',
      handler: (request, reply) => {
        const { name } = (request as FastifyRequest<{ Params: { name: string } }>).params;
        const asset = assets.files.get(name);
        if (!asset) throw new HttpError(404, `no asset ${name} here`);
        return reply.type(asset.contentType).send(asset.body);
      },
    },
  ];
}

export async function registerInspectorRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  registerRoutes(app, apiRoutes(deps));
  await app.register(async (receivers) => {
    acceptRawBodies(receivers);
    registerRoutes(receivers, receiverRoutes(deps.store));
  });
}
