import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { DiagnosticsSource } from './http/diagnostics.js';
import type { Tracing } from './services/tracing.js';

/** Where `/rollbar/test` sends its message. The telemetry layer plugs Rollbar in; the default drops it. */
export interface MessageReporter {
  warning(message: string, req: Request): void;
}

/** Middleware the telemetry layer mounts around the routes (X-Ray must wrap them exactly). */
export interface AppHooks {
  /** Mounted first, before the request log: the server span, so every line and layer of the request runs in its trace. */
  onRequest: RequestHandler[];
  /** Mounted right before the routes, in order; X-Ray's `openSegment` must be the last one. */
  beforeRoutes: RequestHandler[];
  /** Mounted right after the routes, before the JSON 404 and error handlers. */
  afterRoutes: Array<RequestHandler | ErrorRequestHandler>;
}

export interface AppDeps {
  /** CORS origins for `/api/*` (`*` allows any). */
  corsOrigins: readonly string[];
  /** The clock the mock data is computed from. */
  now: () => Date;
  reporter: MessageReporter;
  hooks: AppHooks;
  /** Spans and subsegments around routes and services; `NO_TRACING` without telemetry. */
  tracing: Tracing;
  /** The delivery record behind `GET /_cruddur/telemetry`; the path is not mounted without it. */
  diagnostics?: DiagnosticsSource | undefined;
}

export const NO_HOOKS: AppHooks = Object.freeze({ onRequest: [], beforeRoutes: [], afterRoutes: [] });

export const SILENT_REPORTER: MessageReporter = Object.freeze({ warning: () => {} });
