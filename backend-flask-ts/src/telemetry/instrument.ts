/**
 * The telemetry entry point, preloaded so the telemetry paths run before the app is built (nothing is patched):
 *   node --import tsx --import ./src/telemetry/instrument.ts src/main.ts        (tests, development)
 *   node --import ./dist/telemetry/instrument.js dist/main.js                   (the image, npm run backend)
 * It starts the paths the environment turns on and leaves them to `main.ts`. Telemetry never takes
 * the backend down: whatever fails here is one line, and the backend runs without it.
 */
import { setActiveTelemetry } from './active.js';
import { parseTelemetryConfig } from './config.js';
import { startTelemetry } from './telemetry.js';

try {
  setActiveTelemetry(await startTelemetry(parseTelemetryConfig(process.env)));
} catch (error) {
  console.error(
    `[telemetry] could not start (${error instanceof Error ? error.message : String(error)}); the backend runs without telemetry`,
  );
}
