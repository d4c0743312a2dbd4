/**
 * The inspector's settings, parsed (pure) from its flags and environment with the names and
 * defaults of `@cruddur/trace-contract`: a flag wins over the variable, the variable over the default.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, FixableError, INSPECTOR_VARIABLES, parsePort, serviceNameFromEnv } from '@cruddur/trace-contract';

type Env = Readonly<Record<string, string | undefined>>;

/** Where links out of the page may point, from the cloud settings the environment holds. */
export interface CloudSettings {
  awsRegion: string | undefined;
  rollbar: boolean;
  honeycomb: { apiKey: string; endpoint: string; dataset: string } | undefined;
}

export interface InspectorConfig {
  /** `127.0.0.1` by default; `0.0.0.0` in containers. */
  host: string;
  xrayPort: number;
  httpPort: number;
  /** Absolute. */
  stateDir: string;
  /** `--allow-remote-clear`: other machines may clear the traces (compose, whose port is published on loopback only). */
  remoteClear: boolean;
  cloud: CloudSettings;
}

export const USAGE =
  'inspector [--host HOST] [--xray-port PORT] [--http-port PORT] [--state-dir DIR] [--allow-remote-clear]';

/** What `--help` prints: the options, with the variables and defaults they stand for. */
export const HELP = [
  `Usage: npm run inspector -- ${USAGE.replace(/^inspector /, '')}   (in its image: node dist/main.js …)`,
  '',
  'The local trace inspector: the X-Ray daemon protocol, OTLP/HTTP traces and Rollbar items, kept and shown on a page.',
  '',
  `  --host HOST            the address to listen on (default 127.0.0.1; 0.0.0.0 in a container)`,
  `  --xray-port PORT       X-Ray segments (UDP) and sampling (TCP) (${INSPECTOR_VARIABLES.xrayPort}, default ${DEFAULTS.inspectorXrayPort})`,
  `  --http-port PORT       OTLP/HTTP, Rollbar items, the API and the page (${INSPECTOR_VARIABLES.httpPort}, default ${DEFAULTS.inspectorHttpPort})`,
  `  --state-dir DIR        where the traces are kept between runs (${INSPECTOR_VARIABLES.stateDir}, default ${DEFAULTS.stateDir})`,
  '  --allow-remote-clear   let other machines clear the traces (compose publishes the port on loopback only)',
  '  --help                 show this text',
].join('\n');

/** Whether the command line asks for the help text (then nothing starts). */
export const wantsHelp = (argv: readonly string[]): boolean => argv.some((arg) => arg === '--help' || arg === '-h');

const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

function port(flag: string, variable: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const parsed = parsePort(raw);
  if (parsed === undefined)
    throw new FixableError(
      `${flag} / ${variable} is ${JSON.stringify(raw)}, not a port`,
      'give a port from 1 to 65535',
    );
  return parsed;
}

export function parseCloudSettings(env: Env): CloudSettings {
  const apiKey = read(env, 'HONEYCOMB_API_KEY');
  return {
    awsRegion: read(env, 'AWS_REGION') ?? read(env, 'AWS_DEFAULT_REGION'),
    rollbar: read(env, 'ROLLBAR_ACCESS_TOKEN') !== undefined,
    honeycomb:
      apiKey === undefined
        ? undefined
        : {
            apiKey,
            endpoint: read(env, 'HONEYCOMB_API_ENDPOINT') ?? DEFAULTS.honeycombEndpoint,
            dataset: serviceNameFromEnv(env),
          },
  };
}

export function parseInspectorConfig(argv: readonly string[], env: Env, cwd: string): InspectorConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        'xray-port': { type: 'string' },
        'http-port': { type: 'string' },
        'state-dir': { type: 'string' },
        'allow-remote-clear': { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new FixableError((err as Error).message, `usage: ${USAGE}`);
  }
  const names = INSPECTOR_VARIABLES;
  return Object.freeze({
    host: values.host ?? '127.0.0.1',
    xrayPort: port(
      '--xray-port',
      names.xrayPort,
      values['xray-port'] ?? read(env, names.xrayPort),
      DEFAULTS.inspectorXrayPort,
    ),
    httpPort: port(
      '--http-port',
      names.httpPort,
      values['http-port'] ?? read(env, names.httpPort),
      DEFAULTS.inspectorHttpPort,
    ),
    stateDir: resolve(cwd, values['state-dir'] ?? read(env, names.stateDir) ?? DEFAULTS.stateDir),
    remoteClear: values['allow-remote-clear'],
    cloud: parseCloudSettings(env),
  });
}
