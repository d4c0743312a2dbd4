/** verify-traces' flags (interfaces.md): `--json`, `--backend URL`, `--timeout SECONDS` (default 60). */
import { DEFAULTS } from '@cruddur/trace-contract';
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
    throw new ToolkitError(
      `--timeout ${raw} is not a number of seconds`,
      `pass a positive number, e.g. --timeout ${DEFAULT_TIMEOUT_S}`,
    );
  }
  return seconds;
}

export function parseVerifyOptions(argv: string[]): VerifyOptions {
  const flags = parseTaskArgs('verify-traces', argv, {
    json: { type: 'boolean', description: 'print one JSON object on stdout (use npm run -s)' },
    backend: {
      type: 'string',
      value: 'URL',
      description: `the backend to verify (default: BACKEND_URL, else ${DEFAULTS.backendUrl})`,
    },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      description: `how long to wait per destination (default ${DEFAULT_TIMEOUT_S})`,
    },
  });
  return { json: flags.json === true, backendUrl: flags.backend, timeoutMs: parseTimeoutSeconds(flags.timeout) * 1000 };
}
