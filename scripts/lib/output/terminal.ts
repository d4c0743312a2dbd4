/**
 * Whether a stream is a terminal, and whether to colour it. A task runs under the runner with its
 * output piped (the runner masks and labels it), so the runner tells it which of its own streams are
 * terminals in `CRUDDUR_TERMINAL` ("stdout,stderr"). Colour follows https://no-color.org and
 * FORCE_COLOR, as chalk and Node itself do.
 */
export const TERMINAL_VARIABLE = 'CRUDDUR_TERMINAL';

export type StreamName = 'stdout' | 'stderr';

export interface MaybeTty {
  isTTY?: boolean;
}

/** The value the runner passes down: which of its streams are terminals. */
export function describeTerminals(streams: Readonly<Record<StreamName, MaybeTty>>): string {
  return (['stdout', 'stderr'] as const).filter((name) => streams[name].isTTY === true).join(',');
}

export function isTerminal(stream: MaybeTty, name: StreamName, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true || (env[TERMINAL_VARIABLE] ?? '').split(',').includes(name);
}

/** NO_COLOR (any non-empty value) wins; then FORCE_COLOR (`0`/`false` turn it off); then a terminal that is not `dumb`. */
export function shouldColor(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return terminal && env.TERM !== 'dumb';
}

const CODES = { green: 32, red: 31, yellow: 33, cyan: 36, dim: 2 } as const;
export type Colour = keyof typeof CODES;

export function paint(colour: Colour, text: string): string {
  return `\x1b[${CODES[colour]}m${text}\x1b[0m`;
}

/** Starts a status line over: carriage return, erase the line. */
export const CLEAR_LINE = '\r\x1b[2K';
