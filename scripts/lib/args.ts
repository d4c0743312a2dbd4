/**
 * A task's own flags, parsed strictly: an unknown or malformed flag is named with the allowed ones,
 * and `--help` (or `-h`) answers with the usage, built from the same table the flags are parsed with.
 */
import { parseArgs } from 'node:util';
import { ToolkitError } from './errors.js';

export interface TaskOption {
  readonly type: 'string' | 'boolean';
  /** What the value looks like in the usage, e.g. `local|cloud` (string options only). */
  readonly value?: string;
  readonly description: string;
}

export type TaskOptions = Readonly<Record<string, TaskOption>>;

type Values<T extends TaskOptions> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };

/** Thrown by parseTaskArgs on `--help`: runCli prints the usage and ends with exit code 0. */
export class HelpRequest extends Error {
  constructor(readonly usage: string) {
    super(usage);
    this.name = 'HelpRequest';
  }
}

const HELP_FLAGS = ['--help', '-h'];

/** Whether a command line asks for the usage (`--help` or `-h` anywhere in it). */
export const asksForHelp = (argv: readonly string[]): boolean => argv.some((arg) => HELP_FLAGS.includes(arg));
const spelled = (name: string, option: TaskOption) =>
  option.type === 'string' ? `--${name} ${option.value ?? 'VALUE'}` : `--${name}`;

/** `Usage: npm run NAME -- [--flag VALUE] …`, then one line per flag; the options column is aligned. */
export function formatTaskUsage(task: string, options: TaskOptions): string {
  const rows: Array<[string, string]> = [
    ...Object.entries(options).map(([name, option]): [string, string] => [spelled(name, option), option.description]),
    ['--help', 'show this text'],
  ];
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 3;
  const synopsis = Object.entries(options).map(([name, option]) => `[${spelled(name, option)}]`);
  return [
    `Usage: npm run ${task}${synopsis.length > 0 ? ` -- ${synopsis.join(' ')}` : ''}`,
    '',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
  ].join('\n');
}

export function parseTaskArgs<T extends TaskOptions>(task: string, argv: string[], options: T): Values<T> {
  if (asksForHelp(argv)) throw new HelpRequest(formatTaskUsage(task, options));
  const config = Object.fromEntries(Object.entries(options).map(([name, { type }]) => [name, { type }]));
  try {
    return parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }).values as Values<T>;
  } catch (err) {
    const allowed =
      Object.entries(options)
        .map(([name, option]) => spelled(name, option))
        .join(', ') || 'none';
    throw new ToolkitError(
      `npm run ${task}: ${(err instanceof Error ? err.message : String(err)).split('. ')[0]}`,
      `use only these options: ${allowed}, or --help`,
    );
  }
}
