/**
 * The process edge: read the config, serve, and shut down gracefully on SIGTERM/SIGINT.
 * This is the only backend module that exits.
 */
import { createApp } from './app.js';
import { ConfigError, parseBackendConfig } from './config.js';
import { NO_HOOKS, SILENT_REPORTER } from './deps.js';
import { boundPort, startServer, stopServer } from './server.js';

/** Below compose's default 10 s stop timeout, so we exit before Docker kills us. */
const SHUTDOWN_GRACE_MS = 8_000;

async function main(): Promise<void> {
  const config = parseBackendConfig(process.env);
  const app = createApp({ corsOrigins: config.corsOrigins, now: () => new Date(), reporter: SILENT_REPORTER, hooks: NO_HOOKS });
  const server = await startServer(app, config.port);

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    console.log(`[backend] ${signal}: finishing in-flight requests, then exiting`);
    await stopServer(server, SHUTDOWN_GRACE_MS);
    console.log('[backend] stopped');
    process.exit(0);
  };
  // Handlers first: a supervisor may signal the moment it reads the "listening" line.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void shutdown(s));
  console.log(`[backend] listening on http://0.0.0.0:${boundPort(server)}`);
}

main().catch((err: unknown) => {
  const reason = err instanceof ConfigError ? err.message : `could not start: ${String(err)}`;
  console.error(`[backend] ${reason}`);
  process.exit(1);
});
