/**
 * `npm run traces [--limit N] [--trace ID]`: the latest traces the local inspector holds, newest
 * first, each as its X-Ray segment tree beside its OpenTelemetry span tree.
 */
import { parseTaskArgs } from '../lib/args.js';
import { runCli } from '../lib/cli.js';
import { loadToolkitConfig } from '../lib/config/load.js';
import { ToolkitError } from '../lib/errors.js';
import { inspectorUrl } from '../lib/stack/local/env.js';
import { renderTraceText } from '../inspector/query/text.js';
import type { TraceSummary, TraceView } from '../inspector/query/types.js';

const DEFAULT_LIMIT = 5;

async function getJson<T>(base: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000) });
  } catch {
    throw new ToolkitError(`the trace inspector at ${base} does not answer`, 'start local mode with npm run setup -- --mode local (or docker compose --profile local up)');
  }
  if (!response.ok) throw new ToolkitError(`the inspector answered HTTP ${response.status} for ${path}: ${((await response.json().catch(() => ({}))) as { error?: string }).error ?? ''}`, 'check the trace id (either spelling works), or run npm run traces without --trace');
  return (await response.json()) as T;
}

await runCli(async (log, argv) => {
  const flags = parseTaskArgs('traces', argv, { limit: { type: 'string' }, trace: { type: 'string' } });
  const limit = flags.limit === undefined ? DEFAULT_LIMIT : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new ToolkitError(`--limit ${flags.limit} is not a positive whole number`, `pass e.g. --limit ${DEFAULT_LIMIT}`);
  const base = inspectorUrl(loadToolkitConfig({ flags: { mode: 'local' } }));
  const ids = flags.trace !== undefined ? [flags.trace] : (await getJson<{ traces: TraceSummary[] }>(base, `/api/traces?limit=${limit}`)).traces.map((trace) => trace.traceId);
  if (ids.length === 0) {
    log.info(`the inspector at ${base} holds no traces yet — send requests to the backend, or run npm run verify-traces`);
    return;
  }
  for (const id of ids) log.info(`${renderTraceText(await getJson<TraceView>(base, `/api/traces/${encodeURIComponent(id)}`))}\n`);
  log.info(`${ids.length} trace(s); the page draws them as waterfalls: ${base}/`);
});
