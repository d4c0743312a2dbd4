/**
 * The route template a request matched (`/api/activities/:uuid`), for `http.route` and span names.
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still the router's prefix;
 * an error leaving the router resets `baseUrl` before the answer is written, so the template is
 * taken at that moment, through an accessor on the app's request prototype: no middleware layer.
 */
import type { Express, Request } from 'express';

const ROUTE = Symbol('route');
const BASE_URL = Symbol('baseUrl at the route match');

interface RouteRecording {
  [ROUTE]?: { path: unknown };
  [BASE_URL]?: string;
}

/** Records, on each of the app's requests, the prefix under which its route matched. */
export function recordMatchedRoutes(app: Express): void {
  Object.defineProperty(app.request, 'route', {
    configurable: true,
    get(this: Request & RouteRecording) {
      return this[ROUTE];
    },
    set(this: Request & RouteRecording, route: { path: unknown }) {
      this[ROUTE] = route;
      this[BASE_URL] = this.baseUrl;
    },
  });
}

/** The matched route's template, prefix included and without a trailing `/`; none when no route matched. */
export function matchedRoute(req: Request): string | undefined {
  const { [ROUTE]: route, [BASE_URL]: baseUrl } = req as Request & RouteRecording;
  if (!route || typeof route.path !== 'string') return undefined;
  const template = `${baseUrl ?? ''}${route.path}`;
  return template.length > 1 && template.endsWith('/') ? template.slice(0, -1) : template;
}
