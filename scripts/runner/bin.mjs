// @ts-check
/**
 * The runner's fast start, used by the npm scripts: `node scripts/runner/bin.mjs [options] [NAME [ARGS...]]`.
 *
 * `tsx scripts/run.ts` starts a second node process and a loader thread that compiles TypeScript
 * before the runner does anything: more time than all of `npm run`. This file instead imports a
 * bundle of scripts/run.ts that esbuild wrote to node_modules/.cache, and rebuilds it whenever one
 * of its sources changed (size or mtime). Should that fail, it runs the sources through tsx.
 * Plain JavaScript, because nothing can compile TypeScript before it runs.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = 'scripts/run.ts';
const cacheDir = join(root, 'node_modules', '.cache', 'task-runner');
const bundle = join(cacheDir, 'run.mjs');
const manifest = join(cacheDir, 'inputs.json');

/** @param {string} file a path relative to the repository root */
function stamp(file) {
  const { size, mtimeMs } = statSync(join(root, file));
  return `${size}:${mtimeMs}`;
}

/** Whether the bundle was built from the sources as they are now. */
function isFresh() {
  try {
    /** @type {Record<string, string>} */
    const inputs = JSON.parse(readFileSync(manifest, 'utf8'));
    return Object.entries(inputs).every(([file, built]) => stamp(file) === built);
  } catch {
    return false;
  }
}

/** Bundles the runner's own modules (packages stay imports); temp files and renames keep concurrent starts safe. */
async function build() {
  const { build } = await import('esbuild');
  const suffix = `.${process.pid}.tmp`;
  mkdirSync(cacheDir, { recursive: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundle + suffix,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.fromEntries(Object.keys(metafile.inputs).map((file) => [file, stamp(file)]));
  writeFileSync(manifest + suffix, JSON.stringify(inputs));
  renameSync(bundle + suffix, bundle);
  renameSync(manifest + suffix, manifest);
}

/**
 * A package that cannot be found means `npm ci` has not run (or ran elsewhere): the one line that says
 * so, instead of Node's stack. The runner's own failure lines have this shape too.
 * @param {unknown} err
 */
function notInstalled(err) {
  const { code, message } = /** @type {{ code?: string, message?: string }} */ (err);
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
  const name = /Cannot find (?:package|module) '([^']+)'/.exec(message ?? '')?.[1] ?? 'a package';
  process.stderr.write(
    `✖ the project's dependencies are not installed (${name} is missing) — fix: npm ci, then rerun\n`,
  );
  process.exitCode = 1;
}

try {
  let target = pathToFileURL(bundle).href;
  if (!isFresh()) {
    try {
      await build();
    } catch (err) {
      if (process.env.DEBUG) process.stderr.write(`! task runner: no bundle (${String(err)}); running through tsx\n`);
      const { register } = await import('tsx/esm/api');
      register();
      target = pathToFileURL(join(root, entry)).href;
    }
  }
  await import(target);
} catch (err) {
  notInstalled(err);
}
