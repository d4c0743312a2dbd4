/** `npm run xray-resources`: create or update the X-Ray group and sampling rule of aws/json/ (idempotent). */
import { ensureXrayResources } from '../lib/steps/xray-resources.js';
import { runTask } from '../lib/task.js';

await runTask('xray-resources', {}, ({ config, log, root, vars }) => ensureXrayResources(config, log, { root, vars }));
