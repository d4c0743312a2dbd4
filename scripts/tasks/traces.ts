/**
 * `npm run traces [--limit N] [--trace ID] [--width N]`: the latest traces the local inspector holds,
 * newest first, each as the page's merged tree (every request, its X-Ray segments and its
 * OpenTelemetry spans on one time axis), cut to the terminal's width (100 columns when piped).
 */
import { parseTaskArgs } from '../lib/args.js';
import { runCli } from '../lib/cli.js';
import { loadToolkitConfig } from '../lib/config/load.js';
import { ToolkitError } from '../lib/errors.js';
import { inspectorUrl } from '../lib/stack/local/env.js';
import { renderTraceText, type TraceSummary, type TraceView } from '@cruddur/inspector';

const DEFAULT_LIMIT = 5;
const PIPED_WIDTH = 100;
const MIN_WIDTH = 40;

function parseCount(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ToolkitError(
      `--${flag} ${raw} is not a whole number of at least ${min}`,
      `pass e.g. --${flag} ${fallback}`,
    );
  return value;
}

async function getJson<T>(base: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000) });
  } catch {
    throw new ToolkitError(
      `the trace inspector at ${base} does not answer`,
      'start local mode with npm run setup -- --mode local (or docker compose --profile local up)',
    );
  }
  if (!response.ok)
    throw new ToolkitError(
      `the inspector answered HTTP ${response.status} for ${path}: ${((await response.json().catch(() => ({}))) as { error?: string }).error ?? ''}`,
      'check the trace id (either spelling works), or run npm run traces without --trace',
    );
  return (await response.json()) as T;
}

await runCli(async (log, argv) => {
  const flags = parseTaskArgs('traces', argv, {
    limit: { type: 'string', value: 'N', description: `how many of the latest traces (default ${DEFAULT_LIMIT})` },
    trace: { type: 'string', value: 'ID', description: 'only this trace (either spelling of its id)' },
    width: {
      type: 'string',
      value: 'N',
      description: `columns to fit (default: the terminal's, ${PIPED_WIDTH} when piped; at least ${MIN_WIDTH})`,
    },
  });
  const limit = parseCount('limit', flags.limit, DEFAULT_LIMIT, 1);
  const width = parseCount('width', flags.width, Math.max(MIN_WIDTH, process.stdout.columns ?? PIPED_WIDTH), MIN_WIDTH);
  const base = inspectorUrl(loadToolkitConfig({ flags: { mode: 'local' }, reporter: log }));
  const ids =
    flags.trace !== undefined
      ? [flags.trace]
      : (await getJson<{ traces: TraceSummary[] }>(base, `/api/traces?limit=${limit}`)).traces.map(
          (trace) => trace.traceId,
        );
  if (ids.length === 0) {
    log.info(
      `the inspector at ${base} holds no traces yet — send requests to the backend, or run npm run verify-traces`,
    );
    return;
  }
  for (const id of ids)
    log.info(`${renderTraceText(await getJson<TraceView>(base, `/api/traces/${encodeURIComponent(id)}`), width)}\n`);
  log.info(`${ids.length} trace(s); the page shows them with their details and log lines: ${base}/#/traces/${ids[0]}`);
});
