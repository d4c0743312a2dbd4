/** A task's own flags, parsed strictly: an unknown or malformed flag is named with the allowed ones. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ToolkitError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseTaskArgs<T extends Options>(task: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const allowed = Object.entries(options).map(([name, o]) => (o.type === 'string' ? `--${name} VALUE` : `--${name}`)).join(', ') || 'none';
    throw new ToolkitError(`npm run ${task}: ${(err instanceof Error ? err.message : String(err)).split('. ')[0]}`, `use only these options: ${allowed}`);
  }
}
