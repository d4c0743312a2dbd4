import { HelpRequest } from './args.js';
import { formatFailureLine } from '@cruddur/trace-contract';
import { failureParts, ToolkitError } from './errors.js';
import { createLog, type Log } from './output/log.js';
import { takeTaskReportPath, writeTaskReport } from './task-report.js';

/**
 * The edge of every script: runs `main`, ends a failure with one masked cause-and-fix line, and sets
 * the exit code; `--help` prints the usage and exits 0 (see args.ts). Under the task runner the line goes to the runner's report file instead, and the
 * runner prints it, once. Scripts never call `process.exit` themselves.
 */
export async function runCli(main: (log: Log, argv: string[]) => Promise<void>, log: Log = createLog()): Promise<void> {
  const reportPath = takeTaskReportPath(process.env);
  try {
    await main(log, process.argv.slice(2));
  } catch (err) {
    if (err instanceof HelpRequest) return log.info(err.usage);
    if (process.env.DEBUG && err instanceof Error && err.stack) log.warn(err.stack);
    const exitCode = err instanceof ToolkitError ? err.exitCode : 1;
    const { problem, fix } = failureParts(err);
    const [cause, masked] = [log.mask(problem), log.mask(fix)];
    if (!writeTaskReport(reportPath, { cause, fix: masked, exitCode }))
      log.fail(formatFailureLine({ problem: cause, fix: masked }));
    process.exitCode = exitCode;
  }
}
