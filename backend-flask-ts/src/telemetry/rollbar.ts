/**
 * Rollbar: `/rollbar/test`'s warning and every server error (5xx), each with its request (secret
 * headers scrubbed) and the request's trace id in `custom`, so an item links to its trace.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ErrorRequestHandler } from 'express';
import Rollbar from 'rollbar';
import type { MessageReporter } from '../deps.js';
import { describeError } from '../http/errors.js';
import type { RollbarItemSent } from '../diagnostics/rollbar-items.js';
import type { RollbarConfig } from './config.js';
import { isXrayTraceId, xrayToOtelTraceId } from '@cruddur/trace-contract';

export interface RollbarRuntime {
  codeVersion: string | undefined;
  reporter: MessageReporter;
  /** After the routes: reports server errors, then passes them on to the JSON error handler. */
  errorReporter: ErrorRequestHandler;
  /** An error that will end the process. */
  reportCrash(error: unknown): void;
  /** Resolves once every item sent so far has been answered (bound it: Rollbar has no timeout). */
  flush(): Promise<void>;
}

/** Rollbar's default lists scrub `authorization`, `cookie` and password-like fields; these carry secrets too. */
export const EXTRA_SCRUBBED_FIELDS = ['x-honeycomb-team', 'x-rollbar-access-token', 'proxy-authorization'];

/** `GIT_COMMIT` when the build passed it, else the checkout's HEAD; none outside a git checkout. */
async function codeVersion(config: Extract<RollbarConfig, { enabled: true }>): Promise<string | undefined> {
  if (config.codeVersion) return config.codeVersion;
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { timeout: 2_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The trace id in both spellings: X-Ray's for X-Ray's console, OpenTelemetry's for Honeycomb. */
function traceFields(xrayTraceId: string | undefined): Record<string, string> {
  return xrayTraceId && isXrayTraceId(xrayTraceId)
    ? { trace_id: xrayTraceId, otel_trace_id: xrayToOtelTraceId(xrayTraceId) }
    : {};
}

/**
 * `onItem`, when given, hears each item's answer (the delivery record): Rollbar's methods take a
 * callback `(err, data)` after the item's arguments, `data` carrying the item's uuid.
 */
export async function startRollbar(
  config: Extract<RollbarConfig, { enabled: true }>,
  currentTraceId: () => string | undefined,
  onItem?: RollbarItemSent,
): Promise<RollbarRuntime> {
  const version = await codeVersion(config);
  const rollbar = new Rollbar({
    accessToken: config.accessToken,
    environment: config.environment,
    endpoint: config.endpoint,
    codeVersion: version,
    // Added to the defaults (a `scrubHeaders` list would replace them instead).
    scrubFields: EXTRA_SCRUBBED_FIELDS,
    // Process-level errors are reported by the process edge (`reportCrash`), with a bounded flush.
    captureUncaught: false,
    captureUnhandledRejections: false,
  });

  const answered = (traceId: string | undefined, level: string): Rollbar.Callback | undefined =>
    onItem && ((error, data) => onItem(traceId, level, error, data));

  return {
    codeVersion: version,
    reporter: {
      warning: (message, req) => {
        const traceId = currentTraceId();
        const callback = answered(traceId, 'warning');
        if (callback) rollbar.warning(message, req, traceFields(traceId), callback);
        else rollbar.warning(message, req, traceFields(traceId));
      },
    },
    errorReporter: (err, req, _res, next) => {
      if (describeError(err).status >= 500) {
        const traceId = currentTraceId();
        const callback = answered(traceId, 'error');
        const error = err instanceof Error ? err : String(err);
        if (callback) rollbar.error(error, req, traceFields(traceId), callback);
        else rollbar.error(error, req, traceFields(traceId));
      }
      next(err);
    },
    reportCrash: (error) => void rollbar.critical(error instanceof Error ? error : String(error)),
    flush: () => new Promise<void>((resolve) => rollbar.wait(resolve)),
  };
}
