/**
 * `npm test`'s runs: first what the suite needs on the machine (installed where possible, else one
 * line naming it; `--prerequisites` does only that, before the build and type-check), then every
 * `*.test.ts` of the repository with Node's test runner. Node 20 does not expand globs for `--test`,
 * so the files are listed here; extra arguments (e.g. a path part) filter them.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failureLine, ToolkitError } from './lib/errors.js';
import { ensureTestPrerequisites } from './test-prerequisites.js';

const ROOTS = ['packages', 'backend-flask-ts', 'scripts', 'test-support', 'bench'];
const prerequisitesOnly = process.argv[2] === '--prerequisites';
const filters = process.argv.slice(2);

function listTestFiles(): string[] {
  const files = ROOTS.flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => join(root, file));
    } catch {
      return [];
    }
  })
    .filter((file) => file.endsWith('.test.ts') && !/(^|\/)(node_modules|dist)\//.test(file))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0) throw new ToolkitError(`no test files match ${filters.join(' ') || 'the repository'}`, 'check the path filter');
  return files;
}

try {
  ensureTestPrerequisites((line) => console.log(line));
  if (!prerequisitesOnly) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...listTestFiles()], { stdio: 'inherit' });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
} catch (err) {
  console.error(`✖ ${failureLine(err)}`);
  process.exitCode = 1;
}
