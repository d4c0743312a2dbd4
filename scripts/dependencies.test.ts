/**
 * What `npm ci` installs, read from the lockfile: no package asks for a newer Node than the one the
 * project promises (package.json "engines"), so a fresh `npm ci` prints no EBADENGINE warning and
 * the toolkit runs on its floor. Dev tools may need the Node the tests run on, not the floor. And the
 * OpenTelemetry packages are installed once each: `sdk-node` pins its siblings to exact versions, so
 * a patch release of one of them nests a copy under every exporter (16 copies of `core` once, 2,083
 * modules loaded instead of 463, +40 MiB resident); package.json's "overrides" hold them to one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

interface LockedPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  engines?: { node?: string };
}

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as T;
const lock = read<{ packages: Record<string, LockedPackage> }>('package-lock.json');
const floor = semver.minVersion(read<{ engines: { node: string } }>('package.json').engines.node)!.version;

/** The installed packages (optional platform binaries aside) whose `engines.node` does not admit `node`. */
function refusing(node: string, include: (pkg: LockedPackage) => boolean): string[] {
  return Object.entries(lock.packages)
    .filter(
      ([path, pkg]) =>
        path !== '' &&
        !pkg.optional &&
        include(pkg) &&
        pkg.engines?.node !== undefined &&
        !semver.satisfies(node, pkg.engines.node),
    )
    .map(([path, pkg]) => `${path.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${pkg.engines!.node}`);
}

test(`every package the toolkit runs with admits the project's Node floor (${floor})`, () => {
  assert.deepEqual(
    refusing(floor, (pkg) => pkg.dev !== true),
    [],
  );
});

test(`every package, dev tools included, admits the Node running the tests (${process.version}): npm ci prints no EBADENGINE`, () => {
  assert.deepEqual(
    refusing(process.version, () => true),
    [],
  );
});

test('each OpenTelemetry package is installed once (no nested copies of an older patch)', () => {
  const copies = new Map<string, string[]>();
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const name = /node_modules\/(@opentelemetry\/[^/]+)$/.exec(path)?.[1];
    if (name) copies.set(name, [...(copies.get(name) ?? []), `${path}@${pkg.version}`]);
  }
  assert.deepEqual(
    [...copies.values()].filter((paths) => paths.length > 1),
    [],
  );
});
