import { setImmediate } from 'node:timers/promises';
import { Router } from 'express';
import type { AppDeps } from '../deps.js';

/** Thrown on purpose by `/rollbar/error`, so error reporting can be seen working end to end. */
export class RollbarTestError extends Error {
  constructor() {
    super('Rollbar test error: /rollbar/error fails on purpose.');
    this.name = 'RollbarTestError';
  }
}

/** `/rollbar/test` and `/rollbar/error`, the week-2 routes that prove Rollbar receives items. */
export function rollbarRouter({ reporter }: Pick<AppDeps, 'reporter'>): Router {
  const router = Router();

  router.get('/test', (req, res) => {
    reporter.warning('Hello World!', req);
    res.type('text/plain').send('Hello World!');
  });

  // Fails after an await, so it also proves that asynchronous errors reach the error handlers.
  router.get('/error', async () => {
    await setImmediate();
    throw new RollbarTestError();
  });

  return router;
}
