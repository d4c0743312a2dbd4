/** A dotenv file on disk: read with the one strict parser (`dotenv.ts`), and checked for who may read it. */
import { readFileSync, statSync } from 'node:fs';
import { maskSecret } from '@cruddur/trace-contract';
import { ToolkitError } from '../errors.js';
import { DotenvSyntaxError, parseDotenv } from './dotenv.js';

/** A dotenv file's values, parsed strictly; undefined when the file does not exist. `shown` names it in errors. */
export function readDotenvFile(path: string, shown: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ToolkitError(
      `${shown} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      `make ${shown} readable by you (chmod 600 ${shown}), or remove it`,
    );
  }
  try {
    return parseDotenv(text, maskSecret);
  } catch (err) {
    if (err instanceof DotenvSyntaxError) throw new ToolkitError(`${shown} line ${err.line}: ${err.problem}`, err.fix);
    throw err;
  }
}

/** The warning for a `.env` that others may read (it holds keys), or undefined when only its owner can. */
export function describeOpenPermissions(path: string, shown: string): string | undefined {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return `${shown} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}) — fix: chmod 600 ${shown}`;
}
