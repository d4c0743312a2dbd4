import type { Server } from 'node:http';
import { createApp } from '../app.js';
import { NO_HOOKS, SILENT_REPORTER, type AppDeps } from '../deps.js';
import { NO_TRACING } from '../services/tracing.js';
import { boundPort, startServer, stopServer } from '../server.js';

/** A fixed "now", so tests can assert exact times. */
export const TEST_NOW = new Date('2026-03-01T12:00:00.000Z');

export interface ServedApp {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The real app on a real HTTP server on a free port, with a fixed clock and no telemetry. */
export async function serveApp(overrides: Partial<AppDeps> = {}): Promise<ServedApp> {
  const deps: AppDeps = {
    corsOrigins: ['http://localhost:3000'],
    now: () => TEST_NOW,
    reporter: SILENT_REPORTER,
    hooks: NO_HOOKS,
    tracing: NO_TRACING,
    ...overrides,
  };
  const server = await startServer(createApp(deps), 0);
  return { url: `http://127.0.0.1:${boundPort(server)}`, server, close: () => stopServer(server, 1_000) };
}
