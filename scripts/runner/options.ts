import { UsageError } from './errors.js';
import { closestName } from './suggest.js';
import type { RunnerOptions } from './types.js';

export const USAGE =
  'npm run task -- [--list] [--config FILE] [--jobs N] [--dry-run] [--env-file FILE] [NAME [ARGS...]]';

export const HELP = `Runs the tasks of package.json's "tasks" object, as deno task does.

Usage: ${USAGE}

  NAME [ARGS...]   run task NAME after its dependencies; ARGS are appended to NAME's command only
  NAME --help      NAME's usage (description, command, and a toolkit script's own options); runs nothing before it
  --list           list every task with its description and dependencies (also when no NAME)
  --config FILE    read the "tasks" object of another JSON file; commands run in its directory
  --jobs N         run up to N independent tasks at once (default: the CPU count)
  --dry-run        print the plan and run nothing
  --env-file FILE  add the variables of a dotenv file; the process environment wins over it
  --help           show this text

Options go before NAME; everything after NAME belongs to NAME's command.`;

const FLAGS = ['--list', '--dry-run', '--help'] as const;
const VALUED = ['--config', '--jobs', '--env-file'] as const;

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number of at least 1, got "${value}"`, 'pass e.g. --jobs 2');
  return jobs;
}

/** Parses the runner's argv: options up to NAME (or `--`), then NAME, then NAME's ARGS verbatim. Pure. */
export function parseRunnerArgs(argv: readonly string[], defaultJobs: number): RunnerOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const option = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if ((FLAGS as readonly string[]).includes(option) && inline === undefined) {
      flags.add(option);
    } else if ((VALUED as readonly string[]).includes(option)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        throw new UsageError(`${option} needs a value`, `write ${option} ${option === '--jobs' ? 'N' : 'FILE'}`);
      values.set(option, value);
    } else {
      const guess = closestName(option, [...FLAGS, ...VALUED]);
      throw new UsageError(
        `unknown option "${arg}"`,
        `${guess === undefined ? '' : `did you mean ${guess}? `}usage: ${USAGE}`,
      );
    }
  }
  const [name, ...args] = argv.slice(i);
  const jobs = values.get('--jobs');
  const config = values.get('--config');
  const envFile = values.get('--env-file');
  return {
    help: flags.has('--help'),
    list: flags.has('--list'),
    dryRun: flags.has('--dry-run'),
    jobs: jobs === undefined ? defaultJobs : parseJobs(jobs),
    args,
    ...(name === undefined ? {} : { name }),
    ...(config === undefined ? {} : { config }),
    ...(envFile === undefined ? {} : { envFile }),
  };
}
