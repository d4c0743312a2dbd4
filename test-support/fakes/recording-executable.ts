/**
 * Stands in for the `docker` CLI (engine + Compose v2 plugin) and Gitpod's `gp` CLI: executables in
 * a temporary folder, put first on PATH, that record each call's argv and the *names* of its
 * environment variables, and answer the way the real tools do for the calls the scripts make
 * (`docker info`, `docker compose version|up|ps|down|logs`, `gp env`, `gp env -e`, `gp url`).
 * Behaviour is read from a JSON file at each call, so a test can change it between calls.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface FakeDockerBehaviour {
  /** false: `docker info` fails as it does with no engine running. */
  engine: boolean;
  /** false: `docker compose` is an unknown command (no plugin). */
  compose: boolean;
  /** What `docker compose ps` reports for the backend once up. */
  backendHealth: 'healthy' | 'starting' | 'unhealthy' | 'exited';
  /** What `docker compose logs SERVICE` prints, per service (none: an empty log). */
  logs: Record<string, string>;
}

export interface RecordedCall {
  tool: 'docker' | 'gp';
  argv: string[];
  /** Names only: values may be secrets. */
  envNames: string[];
}

export interface RecordingExecutables {
  dir: string;
  /** A PATH with the fakes first. */
  path: string;
  calls(): RecordedCall[];
  setDocker(behaviour: Partial<FakeDockerBehaviour>): void;
  /** What `gp env NAME=value` stored, as the Gitpod account would. */
  gpEnv(): Record<string, string>;
  remove(): void;
}

const DOCKER = String.raw`
const [cmd, ...rest] = argv;
const behaviour = readJson('docker.json', {});
const statePath = join(dir, 'compose-state.json');
if (cmd === 'info') {
  if (!behaviour.engine) fail('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 1);
  out('28.2.2');
} else if (cmd === 'compose') {
  if (!behaviour.compose) fail('docker: unknown command: docker compose\n\nRun \'docker --help\' for more information', 1);
  const sub = rest.find((a, i) => !a.startsWith('-') && rest[i - 1] !== '--profile' && rest[i - 1] !== '--format');
  if (sub === 'version') out('Docker Compose version v2.29.7');
  else if (sub === 'up') {
    writeFileSync(statePath, JSON.stringify({ up: true }));
    for (const s of ['xray-daemon', 'backend-flask-ts']) err(' Container main-' + s + '-1  Started');
  } else if (sub === 'down') {
    writeFileSync(statePath, JSON.stringify({ up: false }));
    for (const s of ['backend-flask-ts', 'xray-daemon']) err(' Container main-' + s + '-1  Removed');
  } else if (sub === 'logs') {
    const service = rest[rest.length - 1];
    for (const line of (behaviour.logs[service] || '').split('\n').filter(Boolean)) out(service + '-1  | ' + line);
  } else if (sub === 'ps') {
    if (readJson('compose-state.json', { up: false }).up) {
      const h = behaviour.backendHealth;
      out(JSON.stringify({ Service: 'xray-daemon', State: 'running', Health: '', ExitCode: 0 }));
      out(JSON.stringify({ Service: 'backend-flask-ts', State: h === 'exited' ? 'exited' : 'running', Health: h === 'exited' ? '' : h, ExitCode: h === 'exited' ? 1 : 0 }));
    }
  } else fail('unknown docker compose command: ' + sub, 1);
} else fail('docker: unknown command: docker ' + cmd, 1);
`;

const GP = String.raw`
const store = readJson('gp-env.json', {});
if (argv[0] === 'env') {
  const pairs = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (argv.includes('-e')) for (const [k, v] of Object.entries(store)) out('export ' + k + "='" + v.replace(/'/g, "'\\''") + "'");
  else if (pairs.length === 0) for (const [k, v] of Object.entries(store)) out(k + '=' + v);
  else {
    for (const p of pairs) { const i = p.indexOf('='); if (i < 1) fail('invalid argument: ' + p, 1); store[p.slice(0, i)] = p.slice(i + 1); }
    writeFileSync(join(dir, 'gp-env.json'), JSON.stringify(store));
  }
} else if (argv[0] === 'url') {
  out('https://' + argv[1] + '-' + process.env.GITPOD_WORKSPACE_ID + '.' + process.env.GITPOD_WORKSPACE_CLUSTER_HOST);
} else fail('Error: unknown command "' + argv[0] + '" for "gp"', 1);
`;

/** The part every fake shares: record the call, then small helpers for the tool's answer. */
function program(tool: 'docker' | 'gp', body: string): string {
  return `#!${process.execPath}
const { appendFileSync, existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = ${JSON.stringify('__DIR__')};
const argv = process.argv.slice(2);
appendFileSync(join(dir, 'calls.jsonl'), JSON.stringify({ tool: ${JSON.stringify(tool)}, argv, envNames: Object.keys(process.env).sort() }) + '\\n');
const readJson = (name, fallback) => existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : fallback;
const out = (line) => process.stdout.write(line + '\\n');
const err = (line) => process.stderr.write(line + '\\n');
const fail = (message, code) => { err(message); process.exit(code); };
${body}`;
}

export function createRecordingExecutables(docker: Partial<FakeDockerBehaviour> = {}): RecordingExecutables {
  const dir = mkdtempSync(join(tmpdir(), 'cruddur-fake-bin-'));
  for (const [tool, body] of [
    ['docker', DOCKER],
    ['gp', GP],
  ] as const) {
    // Extensionless files outside the repository: Node runs them as CommonJS (no "type": "module" above).
    const path = join(dir, tool);
    writeFileSync(path, program(tool, body).replace('"__DIR__"', JSON.stringify(dir)));
    chmodSync(path, 0o755);
  }
  let behaviour: FakeDockerBehaviour = { engine: true, compose: true, backendHealth: 'healthy', logs: {}, ...docker };
  const saveDocker = () => writeFileSync(join(dir, 'docker.json'), JSON.stringify(behaviour));
  saveDocker();
  const readJsonl = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  return {
    dir,
    path: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    calls: () =>
      readJsonl('calls.jsonl')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedCall),
    setDocker: (patch) => {
      behaviour = { ...behaviour, ...patch };
      saveDocker();
    },
    gpEnv: () => JSON.parse(readJsonl('gp-env.json') || '{}') as Record<string, string>,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
