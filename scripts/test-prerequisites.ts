/**
 * What the test suite needs beyond `npm ci`, in one place: the README lists it, `npm test` checks it
 * first and, where it can (root with apt-get), installs what is missing; otherwise it stops at once
 * with one line naming what is missing and the command that installs it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ToolkitError } from './lib/errors.js';

export interface Prerequisite {
  command: string;
  /** What the tests use it for, as the README says. */
  why: string;
  /** The Debian package, where there is one. */
  apt?: string;
  /** How to install it otherwise. */
  install: string;
}

export const TEST_PREREQUISITES: readonly Prerequisite[] = Object.freeze([
  {
    command: 'moto_server',
    why: 'the AWS emulator (STS, X-Ray traces) the AWS tests talk to',
    install: "pip install 'moto[server]'",
  },
  {
    command: 'chromium',
    why: "a real browser for the inspector page's test (headless)",
    apt: 'chromium',
    install: 'apt-get install -y chromium',
  },
  {
    command: 'docker-compose',
    why: 'an independent parser of docker-compose.yml (`config` only; no Docker engine needed)',
    apt: 'docker-compose',
    install: 'apt-get install -y docker-compose',
  },
]);

/** The full path of `command` on PATH, or undefined. */
export function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not here
    }
  }
  return undefined;
}

export function missingPrerequisites(path?: string): Prerequisite[] {
  return TEST_PREREQUISITES.filter((p) => findOnPath(p.command, path) === undefined);
}

/** apt-get can install only as root, and only where apt-get exists. */
export function canInstallWithApt(path?: string, uid = process.getuid?.()): boolean {
  return uid === 0 && findOnPath('apt-get', path) !== undefined;
}

export function missingError(missing: readonly Prerequisite[]): ToolkitError {
  const names = missing.map((p) => `${p.command} (${p.why})`).join(', ');
  const apt = missing.filter((p) => p.apt !== undefined).map((p) => p.apt!);
  const other = missing.filter((p) => p.apt === undefined).map((p) => p.install);
  const fix = [...(apt.length > 0 ? [`sudo apt-get install -y ${apt.join(' ')}`] : []), ...other].join(' && ');
  return new ToolkitError(
    `the tests need ${names}, which ${missing.length > 1 ? 'are' : 'is'} not installed`,
    `${fix}, then rerun npm test`,
  );
}

/**
 * Installs what apt can when this process may, then returns; throws the one-line error for what is
 * still missing. `log` reports what it does (apt takes a minute or two).
 */
export function ensureTestPrerequisites(log: (line: string) => void, path = process.env.PATH): void {
  let missing = missingPrerequisites(path);
  const installable = missing.filter((p) => p.apt !== undefined);
  if (installable.length > 0 && canInstallWithApt(path)) {
    const packages = installable.map((p) => p.apt!);
    log(`› installing ${packages.join(' and ')} with apt-get (the tests need them; once per machine)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', ...packages],
    ]) {
      const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (result.status !== 0) {
        throw new ToolkitError(
          `apt-get ${args[0]} failed (${(result.stderr ?? '').trim().split('\n').at(-1) ?? `exit ${result.status}`})`,
          `check the network and apt sources, or install by hand: apt-get install -y ${packages.join(' ')}`,
        );
      }
    }
    missing = missingPrerequisites(path);
  }
  if (missing.length > 0) throw missingError(missing);
}
