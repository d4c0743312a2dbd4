/** A toolkit script that fails, for the runner's golden files: runCli ends it as every task ends. */
import { runCli } from '../../lib/cli.js';
import { ToolkitError } from '../../lib/errors.js';

await runCli(async (log) => {
  log.info('checking the region…');
  throw new ToolkitError('the region is not set', 'set AWS_REGION');
});
