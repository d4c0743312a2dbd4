/**
 * `npm run verify-traces [--json] [--backend URL] [--timeout SECONDS]`: asks the backend what it sends
 * where (its delivery record), sends tagged requests, and proves the one trace reached every
 * destination the backend runs, with the backend's own data. Exit 0 only if all confirm.
 */
import { runCli } from '../lib/cli.js';
import { readConfigSources } from '../lib/config/load.js';
import { parseToolkitConfig } from '../lib/config/parse.js';
import { ToolkitError } from '../lib/errors.js';
import { createLog } from '../lib/output/log.js';
import { readDeliveryRecord } from '../lib/verify/diagnostics.js';
import { modeFromRecord } from '../lib/verify/mode.js';
import { parseVerifyOptions } from '../lib/verify/options.js';
import { planDestinations } from '../lib/verify/plan.js';
import { formatJson, formatTable } from '../lib/verify/report.js';
import { verifyTraces } from '../lib/verify/run.js';

const stdout = createLog();
// With --json, stdout carries the one JSON object; progress and failure lines go to stderr.
const log = process.argv.includes('--json') ? createLog({ stdout: process.stderr }) : stdout;

await runCli(async (_log, argv) => {
  const options = parseVerifyOptions(argv);
  // Read once (secrets of `.env` masked on both streams from here on); parsed per mode, as the backend says.
  const sources = readConfigSources({
    reporter: {
      warn: (line) => log.warn(line),
      maskAlso: (secrets) => [stdout, log].forEach((l) => l.maskAlso(secrets)),
    },
  });
  // Local settings never fail on a half-configured cloud; cloud ones are parsed once the backend says cloud.
  const local = parseToolkitConfig({ ...sources, flags: { mode: 'local', backendUrl: options.backendUrl } });
  log.step(`asking the backend at ${local.backendUrl} what it sends where`);
  const record = await readDeliveryRecord(local.backendUrl);
  const { mode, reason } = modeFromRecord(record, local);
  const config =
    mode === 'local'
      ? local
      : parseToolkitConfig({ ...sources, flags: { mode: 'cloud', backendUrl: options.backendUrl } });
  log.step(`${mode} mode: ${reason}; X-Ray pipeline ${record.xrayPipeline}`);
  const outcome = await verifyTraces(planDestinations(record, mode, config), config.backendUrl, options.timeoutMs, log);

  const report = { traceId: outcome.traceId, otelTraceId: outcome.otelTraceId, mode, destinations: outcome.results };
  stdout.info(options.json ? formatJson(report) : `\n${formatTable(report)}\n`);
  const failed = outcome.results.filter((result) => !result.ok);
  if (failed.length === 0) return;
  // One line per failed destination; the last is the run's own failure line (and exit code).
  for (const result of failed.slice(0, -1)) log.fail(`${result.name}: ${result.error}`);
  const last = outcome.failures.at(-1)!;
  throw new ToolkitError(`${failed.at(-1)!.name}: ${last.problem}`, last.fix);
}, log);
