/**
 * Where the running local stack listens, as the setup that started it chose (say `BACKEND_URL` on
 * another port): kept in `<stateDir>/stack.json`, so later tasks (`verify-traces`, `traces`, `setup`
 * again) find it without the same variables. A layer between `.env` and the defaults; `down` drops it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The settings that say where the stack listens; nothing secret. */
export const REMEMBERED_VARIABLES = [
  'BACKEND_URL',
  'CRUDDUR_INSPECTOR_XRAY_PORT',
  'CRUDDUR_INSPECTOR_HTTP_PORT',
] as const;

export function rememberedFile(stateDir: string): string {
  return join(stateDir, 'stack.json');
}

/** The remembered settings; empty when none (or the file is not ours to read). */
export function readRemembered(stateDir: string): Record<string, string> {
  const file = rememberedFile(stateDir);
  if (!existsSync(file)) return {};
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(
      REMEMBERED_VARIABLES.flatMap((name) => (typeof saved[name] === 'string' ? [[name, saved[name]]] : [])),
    );
  } catch {
    return {};
  }
}

export function rememberStack(
  stateDir: string,
  values: Readonly<Record<(typeof REMEMBERED_VARIABLES)[number], string>>,
): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(rememberedFile(stateDir), `${JSON.stringify(values, null, 2)}\n`);
}

export function forgetStack(stateDir: string): void {
  rmSync(rememberedFile(stateDir), { force: true });
}
