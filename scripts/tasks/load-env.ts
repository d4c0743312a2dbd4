/** `npm run load-env [-- --mode local|cloud]`: persist the toolkit's variables for this workspace. */
import { loadEnv } from '../lib/steps/load-env.js';
import { MODE_FLAG, runTask } from '../lib/task.js';

await runTask('load-env', MODE_FLAG, ({ config, log }) => loadEnv(config, log));
