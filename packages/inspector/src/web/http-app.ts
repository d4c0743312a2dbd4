/**
 * The Fastify instance behind each of the inspector's TCP ports: answers are never cached, every
 * failure is JSON `{ error }` with the status that says whose fault it is (Fastify's own 400/413/415
 * included), an unknown path is a 404 and a known path with another method a 405 with `Allow`.
 */
import {
  fastify,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type HTTPMethods,
  type RouteOptions,
} from 'fastify';
import type { Answer } from '../receivers/answer.js';
import { MAX_BODY_BYTES } from '../receivers/encoded-body.js';
import { HttpError } from './http-error.js';

export type OnError = (err: unknown, request: { method: string; url: string }) => void;

export function createHttpApp(onError: OnError = () => {}): FastifyInstance {
  const app = fastify({ bodyLimit: MAX_BODY_BYTES, forceCloseConnections: true, logger: false });
  // The API reads JSON only: a body of another type is a 415, not a string handed to a handler.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) onError(error, request);
    return reply.code(status).send({ error: error.message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no ${pathOf(request)} here` }));
  return app;
}

const METHODS: readonly HTTPMethods[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/** Registers the routes, and for each path a 405 naming the methods it does take. */
export function registerRoutes(app: FastifyInstance, routes: readonly RouteOptions[]): void {
  const byUrl = new Map<string, HTTPMethods[]>();
  for (const route of routes) {
    app.route(route);
    byUrl.set(route.url, [...(byUrl.get(route.url) ?? []), ...[route.method].flat()]);
  }
  for (const [url, taken] of byUrl) {
    const allow = taken.includes('GET') ? [...taken, 'HEAD'] : taken;
    app.route({
      method: METHODS.filter((method) => !allow.includes(method)),
      url,
      handler: async (request, reply) => {
        reply.header('allow', allow.join(', '));
        throw new HttpError(405, `${pathOf(request)} does not take ${request.method}`);
      },
    });
  }
}

/** Sends a receiver's answer as it is: as bytes, so Fastify adds no charset to the type the protocol chose. */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  const body =
    typeof answer.body === 'string'
      ? Buffer.from(answer.body)
      : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  return reply
    .code(answer.status)
    .headers({ ...answer.headers, 'content-type': answer.contentType })
    .send(body);
}

/** Within this scope every body arrives as raw bytes, whatever its type: the receivers read them by their protocol's rules. */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer' },
    (_request: FastifyRequest, body: Buffer, done: (err: null, body: Buffer) => void) => done(null, body),
  );
}

/** The raw body of a request in an `acceptRawBodies` scope (empty when there was none). */
export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The URL's path, without the query. */
export function pathOf(request: FastifyRequest): string {
  return new URL(request.url, 'http://inspector').pathname;
}
