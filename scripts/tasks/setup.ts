/** `npm run setup [-- --mode local|cloud]`: the main job, every step in this one process. */
import { setup } from '../lib/steps/setup.js';
import { MODE_FLAG, runTask } from '../lib/task.js';

await runTask('setup', MODE_FLAG, ({ config, log }) => setup(config, log));
