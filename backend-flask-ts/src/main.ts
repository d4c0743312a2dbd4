/**
 * The process edge: read the config, serve, and shut down gracefully on SIGTERM/SIGINT: stop
 * accepting, finish in-flight requests, flush telemetry (bounded), exit 0. This is the only backend
 * module that exits. Telemetry is started before it by the entry point, `start.ts`.
 */
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, parseBackendConfig } from './config.js';
import { boundPort, startServer, stopServer } from './server.js';
import {
  diagnosticsEnabled,
  formatFailureLine,
  TASK_REPORT_VARIABLE,
  writeTaskReport,
  type TaskReport,
} from '@cruddur/trace-contract';
import { DeliveryRecorder } from './diagnostics/delivery-record.js';
import { activeTelemetry } from './telemetry/active.js';
import { NO_TELEMETRY } from './telemetry/telemetry.js';

/** In-flight requests, then telemetry: together below compose's default 10 s stop timeout. */
const REQUESTS_GRACE_MS = 5_000;
const TELEMETRY_FLUSH_MS = 3_000;
/** Telemetry never started: it failed (its own line says why), or main.js ran without the entry point. */
const TELEMETRY_NOT_STARTED =
  'telemetry did not start: it failed (see the [telemetry] line above), or main.js was started without the entry point (node <backend dir> runs start.js)';

async function main(): Promise<void> {
  const config = parseBackendConfig(process.env);
  const telemetry = activeTelemetry() ?? NO_TELEMETRY;
  if (telemetry === NO_TELEMETRY) console.log(`[backend] telemetry off: ${TELEMETRY_NOT_STARTED}`);

  const crash = async (error: unknown): Promise<void> => {
    console.error('[backend] crashed:', error);
    telemetry.reportCrash(error);
    await telemetry.shutdown(TELEMETRY_FLUSH_MS);
    process.exit(1);
  };
  process.once('uncaughtException', (error) => void crash(error));
  process.once('unhandledRejection', (reason) => void crash(reason));

  // Signals are handled before the port opens: a signal with no listener would kill the process outright.
  let server: Server | undefined;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    console.log(`[backend] ${signal}: finishing in-flight requests, then exiting`);
    if (server) await stopServer(server, REQUESTS_GRACE_MS);
    await telemetry.shutdown(TELEMETRY_FLUSH_MS);
    console.log('[backend] stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void shutdown(s));

  const { reporter, hooks, tracing } = telemetry;
  const diagnostics =
    telemetry.diagnostics ?? (telemetry === NO_TELEMETRY && diagnosticsEnabled(process.env) ? notStarted() : undefined);
  const app = createApp({
    corsOrigins: config.corsOrigins,
    now: () => new Date(),
    reporter,
    hooks,
    tracing,
    diagnostics,
  });
  server = await startServer(app, config.port);
  console.log(`[backend] listening on http://0.0.0.0:${boundPort(server)}`);
}

/** The record of a backend whose telemetry did not start: every path off, and why. */
function notStarted(): DeliveryRecorder {
  const record = new DeliveryRecorder({
    name: 'backend-flask',
    xrayPipeline: process.env.CRUDDUR_XRAY_PIPELINE?.trim().toLowerCase() === 'otel' ? 'otel' : 'sdk',
  });
  for (const path of ['otel', 'xray', 'rollbar'] as const)
    record.setPath(path, { on: false, reason: 'failed-to-start', detail: TELEMETRY_NOT_STARTED });
  return record;
}

/** A port another program holds is the common start failure: its cause and fix, as the toolkit's scripts end theirs. */
function startFailure(err: unknown): TaskReport | string {
  const { code, port } = err as NodeJS.ErrnoException & { port?: number };
  if (code === 'EADDRINUSE')
    return {
      cause: `port ${port ?? ''} is already in use, so the backend cannot listen`,
      fix: "stop the program that holds it (npm run down stops the toolkit's stack), or set PORT to a free port",
      exitCode: 1,
    };
  return `[backend] ${err instanceof ConfigError ? err.message : `could not start: ${String(err)}`}`;
}

/** Under the task runner, the cause and fix go to its report file, which it prints once; else one line here. */
function reportFailure(failure: TaskReport): void {
  if (!writeTaskReport(process.env[TASK_REPORT_VARIABLE], failure))
    console.error(`✖ ${formatFailureLine({ problem: failure.cause, fix: failure.fix })}`);
}

main().catch((err: unknown) => {
  const failure = startFailure(err);
  if (typeof failure === 'string') console.error(failure);
  else reportFailure(failure);
  process.exit(1);
});
