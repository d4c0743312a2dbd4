/** `npm run down [-- --mode local|cloud]`: stop what `up` started, in the mode in force. */
import { stopStack } from '../lib/steps/stack.js';
import { MODE_FLAG, runTask } from '../lib/task.js';

await runTask('down', MODE_FLAG, ({ config, log }) => stopStack(config, log));
