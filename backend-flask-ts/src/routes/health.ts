import { Router } from 'express';

/** `/api/health-check`: what compose's healthcheck and `npm run up` wait for. */
export function healthRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ success: true, ver: 1 });
  });
  return router;
}
