import { format } from 'node:util';
import { createMasker, secretValues } from './mask.js';

/** The one output path of the scripts: every line goes through the masker, so no call site can leak. */
export interface Log {
  /** A plain line (stdout). */
  info(...args: unknown[]): void;
  /** A step that is starting: `› Creating the X-Ray group…`. */
  step(...args: unknown[]): void;
  /** A step that finished well: `✔ …`. */
  ok(...args: unknown[]): void;
  /** Something the user should know but that does not fail the run (stderr). */
  warn(...args: unknown[]): void;
  /** A failure line (stderr): what went wrong and the fix. */
  fail(...args: unknown[]): void;
  /** Masks a text with the same secrets, for output that does not go through this log. */
  mask(text: string): string;
}

export interface LogOptions {
  /** Secret values to mask; defaults to those of the secret variables in `env`. */
  secrets?: readonly string[];
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export function createLog(options: LogOptions = {}): Log {
  const mask = createMasker(options.secrets ?? secretValues(options.env ?? process.env));
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const line = (stream: NodeJS.WritableStream, marker: string) => (...args: unknown[]) => {
    stream.write(`${marker}${mask(format(...args))}\n`);
  };
  return {
    info: line(stdout, ''),
    step: line(stdout, '› '),
    ok: line(stdout, '✔ '),
    warn: line(stderr, '! '),
    fail: line(stderr, '✖ '),
    mask,
  };
}
