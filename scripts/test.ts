/**
 * Runs every `*.test.ts` of the repository with Node's test runner. Node 20 does not expand globs
 * for `--test`, so the files are listed here; extra arguments (e.g. a path part) filter them.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['packages', 'backend-flask-ts', 'scripts', 'test-support', 'bench'];
const filters = process.argv.slice(2);

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

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'the repository'} — fix: check the path filter`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...files], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
