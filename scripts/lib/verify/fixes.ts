/** The fixes several links share, worded once. */

/** The variables never reached the backend: persist them and restart what runs it. */
export const RESTART_FIX = 'npm run load-env, then restart the stack (npm run down && npm run setup)';

/** Where to read what the backend itself said. */
export const BACKEND_LOG_HINT =
  "the backend's log (.cruddur/backend.log natively, docker compose logs backend-flask-ts in compose)";
