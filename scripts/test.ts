/**
 * `npm test`'s runs: first what the suite needs on the machine (installed where possible, else one
 * line naming it; `--prerequisites` does only that, before the build and type-check), then the
 * `*.test.ts` files of the repository with Node's test runner. Two suites: `main` (every test but the
 * load and fault suite; `npm test`) and `reliability` (`backend-flask-ts/reliability/`, minutes of load
 * against the real backend; `npm run test:reliability`, which CI runs too). Node 20 does not expand
 * globs for `--test`, so the files are listed here; positional arguments (a path part) filter them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { failureLine, ToolkitError } from './lib/errors.js';
import { createRunnableRoot, NPM_QUIET, taskEnv } from '../test-support/task-process.js';
import { ensureTestPrerequisites } from './test-prerequisites.js';

const ROOTS = ['packages', 'backend-flask-ts', 'scripts', 'test-support', 'bench'];
const RELIABILITY = /^backend-flask-ts\/reliability\//;
const SUITES = ['main', 'reliability'] as const;

const { values, positionals: filters } = parseArgs({
  options: { prerequisites: { type: 'boolean', default: false }, suite: { type: 'string', default: 'main' } },
  allowPositionals: true,
});
const prerequisitesOnly = values.prerequisites;

function listTestFiles(): string[] {
  const files = ROOTS.flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => join(root, file));
    } catch {
      return [];
    }
  })
    .filter((file) => file.endsWith('.test.ts') && !/(^|\/)(node_modules|dist)\//.test(file))
    .filter((file) => RELIABILITY.test(file) === (values.suite === 'reliability'))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0)
    throw new ToolkitError(`no test files match ${filters.join(' ') || 'the repository'}`, 'check the path filter');
  return files;
}

/**
 * Builds the backend once the way the tests do: `npm run` in a project root that links the
 * repository's (createRunnableRoot). tsc stores module paths in `dist/.tsbuildinfo` realpathed and
 * relative to it, so the first build through such a link re-emits `dist/`, and later builds from any
 * root write nothing. Done here, that re-emit cannot land while a test process imports the
 * contract's `dist/` (it once failed a test with "does not provide an export named FixableError").
 */
function buildAsTheTestsDo(): void {
  const root = createRunnableRoot();
  try {
    const build = spawnSync('npm', ['run', '-s', 'task', '--', 'build-backend'], {
      cwd: root,
      env: taskEnv(root, NPM_QUIET),
      encoding: 'utf8',
    });
    if (build.status !== 0)
      throw new ToolkitError(
        `the backend did not build: ${(build.stderr || build.stdout).trim().split('\n').at(-1)}`,
        'run npm run task -- build-backend and fix what it reports',
      );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  if (!SUITES.some((suite) => suite === values.suite))
    throw new ToolkitError(`--suite ${values.suite} is not a suite`, `use --suite ${SUITES.join(' or --suite ')}`);
  ensureTestPrerequisites((line) => console.log(line));
  if (!prerequisitesOnly) {
    buildAsTheTestsDo();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...listTestFiles()],
      { stdio: 'inherit' },
    );
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
} catch (err) {
  console.error(`✖ ${failureLine(err)}`);
  process.exitCode = 1;
}
