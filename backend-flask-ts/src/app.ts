import express, { type Express } from 'express';
import type { AppDeps } from './deps.js';
import { DIAGNOSTICS_PATH } from '@cruddur/trace-contract';
import { createApiCors } from './http/cors.js';
import { diagnosticsRoute } from './http/diagnostics.js';
import { errorHandler, notFound } from './http/errors.js';
import { recordMatchedRoutes } from './http/matched-route.js';
import { requestLog } from './http/request-log.js';
import { requireOneHost } from './http/require-host.js';
import { activitiesRouter } from './routes/activities.js';
import { healthRouter } from './routes/health.js';
import { messageGroupsRouter, messagesRouter } from './routes/messages.js';
import { rollbarRouter } from './routes/rollbar.js';

/** The Cruddur API as an Express app. It never listens; `main.ts` (or a test) does. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  recordMatchedRoutes(app);

  for (const hook of deps.hooks.onRequest) app.use(hook);
  app.use(requestLog);
  app.use(requireOneHost);

  // The delivery record: no CORS (outside `/api`), before the telemetry hooks (never traced itself).
  if (deps.diagnostics) app.all(DIAGNOSTICS_PATH, diagnosticsRoute(deps.diagnostics));

  app.use('/api', createApiCors(deps.corsOrigins));
  for (const hook of deps.hooks.beforeRoutes) app.use(hook);

  // Each router on its exact prefix: a request enters only its own router. Mounted on a shared
  // `/api`, every request walked through the routers before its own, each one a traced layer.
  app.use('/api/health-check', healthRouter());
  app.use('/api/activities', activitiesRouter(deps));
  app.use('/api/message_groups', messageGroupsRouter(deps));
  app.use('/api/messages', messagesRouter(deps));
  app.use('/rollbar', rollbarRouter(deps));

  for (const hook of deps.hooks.afterRoutes) app.use(hook);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
