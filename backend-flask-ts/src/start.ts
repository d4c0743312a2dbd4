/**
 * The backend's one entry point, `node <backend dir>` (the package's "main" is `dist/start.js`):
 * the image runs `node .`, the workspace's `npm start` too, the root's `npm run backend`
 * `node backend-flask-ts`, and the tests this file from source (`node --import tsx src/start.ts`).
 * Telemetry starts before the app is imported, so the app's first request already has its tracers,
 * samplers and exporters: what `--import …/telemetry/instrument.js` did, without a flag anyone can forget.
 */
import { backendUsage } from './usage.js';

if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
  console.log(backendUsage());
} else {
  process.setSourceMapsEnabled(true);
  await import('./telemetry/instrument.js');
  await import('./main.js');
}
