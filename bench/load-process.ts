/** The load generator's own process: runs one load (options in argv) and sends its result to the parent. */
import { generateLoad, type LoadOptions } from './load.js';

const result = await generateLoad(JSON.parse(process.argv[2]!) as LoadOptions);
process.send!(result, () => process.disconnect());
