/** verify-traces' flags (interfaces.md): `--json`, `--backend URL`, `--timeout SECONDS` (default 60). */
import { parseTaskArgs } from '../args.js';
import { ToolkitError } from '../errors.js';

export const DEFAULT_TIMEOUT_S = 60;

export interface VerifyOptions {
  json: boolean;
  /** Wins over BACKEND_URL (the config applies the precedence). */
  backendUrl: string | undefined;
  timeoutMs: number;
}

export function parseTimeoutSeconds(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_S;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ToolkitError(`--timeout ${raw} is not a number of seconds`, `pass a positive number, e.g. --timeout ${DEFAULT_TIMEOUT_S}`);
  }
  return seconds;
}

export function parseVerifyOptions(argv: string[]): VerifyOptions {
  const flags = parseTaskArgs('verify-traces', argv, { json: { type: 'boolean' }, backend: { type: 'string' }, timeout: { type: 'string' } });
  return { json: flags.json === true, backendUrl: flags.backend, timeoutMs: parseTimeoutSeconds(flags.timeout) * 1000 };
}
