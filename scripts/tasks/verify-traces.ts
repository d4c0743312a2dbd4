/**
 * `npm run verify-traces [--json] [--backend URL] [--timeout SECONDS]`: sends tagged requests to the
 * backend and proves the one trace reached every configured destination. Exit 0 only if all confirm.
 */
import { runCli } from '../lib/cli.js';
import { ToolkitError } from '../lib/errors.js';
import { createLog } from '../lib/output/log.js';
import { readProjectEnv } from '../lib/toolkit-vars.js';
import { parseVerifyOptions } from '../lib/verify/options.js';
import { detectMode, loadVerifyConfig, planDestinations } from '../lib/verify/plan.js';
import { formatJson, formatTable } from '../lib/verify/report.js';
import { verifyTraces } from '../lib/verify/run.js';

// The working directory is the project root; secrets from its `.env` are masked too.
const { dotenv, vars } = readProjectEnv(process.cwd());
const stdout = createLog({ env: vars });
// With --json, stdout carries the one JSON object; progress and failure lines go to stderr.
const log = process.argv.includes('--json') ? createLog({ env: vars, stdout: process.stderr }) : stdout;

await runCli(async (_log, argv) => {
  const options = parseVerifyOptions(argv);
  const config = await loadVerifyConfig(options.backendUrl, dotenv);
  const { mode, reason } = await detectMode(config);
  log.step(`${mode} mode: ${reason}`);
  const outcome = await verifyTraces(planDestinations(mode, config, vars), config.backendUrl, options.timeoutMs, log);

  stdout.info(options.json ? formatJson(outcome.traceId, outcome.results) : `\n${formatTable(outcome.traceId, outcome.results)}\n`);
  const failed = outcome.results.filter((result) => !result.ok);
  if (failed.length === 0) return;
  // One line per failed destination; the last is the run's own failure line (and exit code).
  for (const result of failed.slice(0, -1)) log.fail(`${result.name}: ${result.error}`);
  const last = outcome.failures.at(-1)!;
  throw new ToolkitError(`${failed.at(-1)!.name}: ${last.problem}`, last.fix);
}, log);
