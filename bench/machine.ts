/**
 * Where and on what a benchmark ran, so results.json files can be compared across commits and
 * machines: the CPU, memory and OS, the Node version, the git commit and the versions of the
 * packages whose cost is measured.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

export interface Provenance {
  commit: string;
  /** Uncommitted changes to tracked files at the time of the run. */
  dirty: boolean;
  packages: Record<string, string>;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The packages on the measured path: the web framework, the three tracers and the load generator. */
const MEASURED_PACKAGES = [
  'express',
  '@opentelemetry/sdk-node',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/otlp-transformer',
  'aws-xray-sdk-core',
  'rollbar',
  'autocannon',
];

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The installed version, from the workspace's or the root's node_modules. */
function installedVersion(name: string): string {
  for (const dir of ['backend-flask-ts/node_modules', 'node_modules']) {
    try {
      return (JSON.parse(readFileSync(`${REPO}${dir}/${name}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      // not installed there
    }
  }
  return 'not installed';
}

export function describeProvenance(): Provenance {
  return {
    commit: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    packages: Object.fromEntries(MEASURED_PACKAGES.map((name) => [name, installedVersion(name)])),
  };
}
