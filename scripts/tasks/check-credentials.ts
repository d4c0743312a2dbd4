/** `npm run check-credentials [-- --probe] [--mode local|cloud]`: AWS, Honeycomb and Rollbar, one masked line each. */
import { checkCredentials } from '../lib/steps/check-credentials.js';
import { MODE_FLAG, runTask } from '../lib/task.js';

await runTask(
  'check-credentials',
  {
    ...MODE_FLAG,
    probe: {
      type: 'boolean',
      description: 'also prove the Rollbar token by posting one item (Rollbar has no read-only check for it)',
    },
  },
  ({ config, log, flags }) => checkCredentials(config, log, { probe: flags.probe === true }),
);
