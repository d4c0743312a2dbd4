/**
 * The backend's one entry point, `node <backend dir>` (the package's "main" is `dist/start.js`):
 * the image runs `node .`, the workspace's `npm start` too, the root's `npm run backend`
 * `node backend-flask-ts`, and the tests this file from source (`node --import tsx src/start.ts`).
 * Telemetry starts before the app is imported, so the app's first request already has its tracers,
 * samplers and exporters: what `--import …/telemetry/instrument.js` did, without a flag anyone can forget.
 */
import module from 'node:module';
import { backendUsage } from './usage.js';

/**
 * Stack traces point at the TypeScript source. Where Node can leave third-party maps out (22.14+, the
 * image's Node) only the backend's own are loaded: the ~1,400 maps the OpenTelemetry packages ship
 * cost ~9 MiB resident idle and ~12 MiB at load (measured on Node 20 with maps off), for frames in
 * code nobody here debugs. Node 20 has no such switch and loads them all.
 */
function enableSourceMaps(): void {
  const { setSourceMapsSupport } = module as {
    setSourceMapsSupport?: (enabled: boolean, options: { nodeModules: boolean }) => void;
  };
  if (setSourceMapsSupport) setSourceMapsSupport(true, { nodeModules: false });
  else process.setSourceMapsEnabled(true);
}

if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
  console.log(backendUsage());
} else {
  enableSourceMaps();
  await import('./telemetry/instrument.js');
  await import('./main.js');
}
