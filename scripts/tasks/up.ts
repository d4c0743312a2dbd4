/** `npm run up [-- --mode local|cloud]`: start the stack of the mode in force and wait until healthy. */
import { describeStack, startStack } from '../lib/steps/stack.js';
import { MODE_FLAG, runTask } from '../lib/task.js';

await runTask('up', MODE_FLAG, async ({ config, log }) => {
  const urls = await startStack(config, log);
  for (const line of describeStack(urls, config)) log.info(line);
});
