import { format } from 'node:util';
import { createMasker, secretValues } from './mask.js';
import { CLEAR_LINE, isTerminal, paint, shouldColor, type Colour, type MaybeTty, type StreamName } from './terminal.js';

/** A wait in progress: a spinner with the time so far on a terminal, a line every few seconds elsewhere. */
export interface Waiting {
  /** Clears the status line; the caller then says how it ended. */
  done(): void;
}

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
  /** A wait that may take seconds (stdout): `⠹ waiting for the backend (3 s)`. */
  wait(text: string): Waiting;
  /** Masks a text with the same secrets, for output that does not go through this log. */
  mask(text: string): string;
  /** Masks these secrets too from now on: the config's, once `.env` is read (after the log exists, so its errors are printed). */
  maskAlso(secrets: readonly string[]): void;
}

export interface LogOptions {
  /** Secret values to mask; defaults to those of the secret variables in `env`. */
  secrets?: readonly string[];
  /** Where secrets and the terminal settings (NO_COLOR, FORCE_COLOR, CRUDDUR_TERMINAL) come from. */
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream & MaybeTty;
  stderr?: NodeJS.WritableStream & MaybeTty;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
/** Off a terminal, a wait says it is still waiting this often. */
const PROGRESS_EVERY_MS = 5_000;

export function createLog(options: LogOptions = {}): Log {
  const env = options.env ?? process.env;
  let secrets = options.secrets ?? secretValues(env);
  let masker = createMasker(secrets);
  const mask = (text: string) => masker(text);
  const streams: Record<StreamName, NodeJS.WritableStream & MaybeTty> = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
  };
  const terminal = (name: StreamName) => isTerminal(streams[name], name, env);
  const line = (name: StreamName, marker: string, colour: Colour | undefined) => {
    const shown =
      marker !== '' && colour !== undefined && shouldColor(env, terminal(name))
        ? `${paint(colour, marker.trimEnd())} `
        : marker;
    return (...args: unknown[]) => {
      streams[name].write(`${shown}${mask(format(...args))}\n`);
    };
  };
  const step = line('stdout', '› ', 'cyan');
  const seconds = (since: number) => Math.floor((Date.now() - since) / 1000);

  const wait = (text: string): Waiting => {
    const since = Date.now();
    const shown = mask(text);
    if (!terminal('stdout')) {
      step(shown);
      const timer = setInterval(() => step(`${shown} (${seconds(since)} s)`), PROGRESS_EVERY_MS).unref();
      return { done: () => clearInterval(timer) };
    }
    let frame = 0;
    const draw = () => {
      const spinner = SPINNER[frame++ % SPINNER.length]!;
      streams.stdout.write(
        `${CLEAR_LINE}${shouldColor(env, true) ? paint('cyan', spinner) : spinner} ${shown} (${seconds(since)} s)`,
      );
    };
    draw();
    const timer = setInterval(draw, FRAME_MS).unref();
    return {
      done: () => {
        clearInterval(timer);
        streams.stdout.write(CLEAR_LINE);
      },
    };
  };

  return {
    info: line('stdout', '', undefined),
    step,
    ok: line('stdout', '✔ ', 'green'),
    warn: line('stderr', '! ', 'yellow'),
    fail: line('stderr', '✖ ', 'red'),
    wait,
    mask,
    maskAlso: (more) => {
      secrets = [...secrets, ...more];
      masker = createMasker(secrets);
    },
  };
}
