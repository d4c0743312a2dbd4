/**
 * The git-ignored `.env` beside `docker-compose.yml`: the toolkit's variables are set or replaced in
 * place, the user's other lines and comments are kept, and the file is only ever readable by its owner.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Raw when safe for both our parser (`config/dotenv.ts`) and compose; else quoted the way both read back literally. */
export function formatDotenvValue(value: string): string {
  if (/^[A-Za-z0-9_\-./:+=@,*%^~]*$/.test(value)) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  if (!value.includes('"') && !value.includes('\\') && !value.includes('$')) return `"${value.replace(/\n/g, '\\n')}"`;
  throw new Error('a value with both quote kinds and newlines cannot be written to .env');
}

/** `existing` with each of `values` set on its own `NAME=value` line (replaced where present, else appended). */
export function renderDotenv(existing: string, values: Readonly<Record<string, string>>): string {
  const pending = new Map(Object.entries(values));
  const lines = existing === '' ? [] : existing.replace(/\n$/, '').split('\n');
  const updated = lines.map((line) => {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (name === undefined || !pending.has(name)) return line;
    const value = pending.get(name)!;
    pending.delete(name);
    return `${name}=${formatDotenvValue(value)}`;
  });
  const added = [...pending].map(([name, value]) => `${name}=${formatDotenvValue(value)}`);
  if (added.length > 0 && lines.length === 0)
    added.unshift('# Written by npm run load-env; git-ignored, mode 0600. Edit freely: your other lines are kept.');
  return `${[...updated, ...added].join('\n')}\n`;
}

/** Writes `text` to `path` with mode 0600 through a temporary file, so a reader never sees half a file. */
export function writePrivateFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask could have narrowed it; never widened, but be explicit
  renameSync(temporary, path);
}

export function readTextIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
