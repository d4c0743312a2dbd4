import { failureLine, ToolkitError } from './errors.js';
import { createLog, type Log } from './output/log.js';

/**
 * The edge of every script: runs `main`, prints any failure as one masked line, and sets the exit
 * code. Scripts never call `process.exit` themselves.
 */
export async function runCli(main: (log: Log, argv: string[]) => Promise<void>, log: Log = createLog()): Promise<void> {
  try {
    await main(log, process.argv.slice(2));
  } catch (err) {
    if (process.env.DEBUG && err instanceof Error && err.stack) log.warn(err.stack);
    log.fail(failureLine(err));
    process.exitCode = err instanceof ToolkitError ? err.exitCode : 1;
  }
}
