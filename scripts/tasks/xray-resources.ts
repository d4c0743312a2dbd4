/**
 * `npm run xray-resources [-- --enable-transaction-search]`: create or update the X-Ray group and
 * sampling rule of aws/json/ (idempotent); with CRUDDUR_XRAY_PIPELINE=otel, check Transaction Search
 * and turn it on only when asked.
 */
import { ensureXrayResources } from '../lib/steps/xray-resources.js';
import { runTask } from '../lib/task.js';

await runTask(
  'xray-resources',
  {
    'enable-transaction-search': {
      type: 'boolean',
      description:
        'with CRUDDUR_XRAY_PIPELINE=otel: turn Transaction Search on (spans are then stored and billed as CloudWatch Logs)',
    },
  },
  ({ config, log, flags }) =>
    ensureXrayResources(config, log, { enableTransactionSearch: flags['enable-transaction-search'] === true }),
);
