/**
 * The backend has one start command, `node <backend dir>`. Local mode's spelling is the definition;
 * the image's CMD (in its WORKDIR), the workspace's `npm start`, the root's `backend` task and the
 * bench's command are held to it here, each resolved from the directory it runs in.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Cmd } from 'dockerfile-ast';
import { BACKEND_COMMAND } from '../../../../bench/backend.js';
import { failureLine } from '../../errors.js';
import { BACKEND_PACKAGE_DIR, backendStartCommand, ensureBackendBuilt } from './backend-command.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BACKEND = join(ROOT, BACKEND_PACKAGE_DIR);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** `node ARG` run in `cwd`, as the directory Node is asked to run; anything else fails the test. */
function nodeTarget(argv: readonly string[], cwd: string, where: string): string {
  assert.equal(argv.length, 2, `${where}: ${JSON.stringify(argv)} is not "node <backend dir>"`);
  assert.match(argv[0]!, /(^|\/)node$/, `${where}: runs ${argv[0]}, not node`);
  return resolve(cwd, argv[1]!);
}

const local = backendStartCommand(ROOT);
const DEFINED = nodeTarget([local.command, ...local.args], local.cwd, 'local mode');

test("local mode's start command runs node on the backend package, whose main is the entry point", () => {
  assert.equal(DEFINED, BACKEND.replace(/\/$/, ''));
  assert.equal(readJson(join(BACKEND, 'package.json')).main, 'dist/start.js');
});

test("the image's CMD, in its WORKDIR, is the same command", () => {
  const instructions = DockerfileParser.parse(readFileSync(join(BACKEND, 'Dockerfile'), 'utf8')).getInstructions();
  const finalStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'));
  const cmd = finalStage.filter((i) => i.getKeyword() === 'CMD').at(-1) as Cmd;
  const workdir = finalStage
    .filter((i) => i.getKeyword() === 'WORKDIR')
    .at(-1)!
    .getArgumentsContent()!;
  // The image holds the repository (the build context) at /app.
  const argv = cmd.getJSONStrings().map((s) => s.getJSONValue());
  assert.equal(nodeTarget(argv, join(ROOT, relative('/app', workdir)), 'Dockerfile CMD'), DEFINED);
});

test("the workspace's npm start, the root's backend task and the bench run the same command", () => {
  const { scripts } = readJson(join(BACKEND, 'package.json')) as { scripts: Record<string, string> };
  assert.equal(nodeTarget(scripts.start!.split(' '), BACKEND, 'backend-flask-ts npm start'), DEFINED);
  const { tasks } = readJson(join(ROOT, 'package.json')) as { tasks: Record<string, { command: string }> };
  assert.equal(nodeTarget(tasks.backend!.command.split(' '), ROOT, 'the backend task'), DEFINED);
  assert.equal(nodeTarget(BACKEND_COMMAND, BACKEND, 'bench/backend.ts'), DEFINED);
});

test('a backend that was never built is refused with the command that builds it', (t) => {
  // What a fresh clone has: the package.json, no dist.
  const root = mkdtempSync(join(tmpdir(), 'cruddur-unbuilt-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, BACKEND_PACKAGE_DIR));
  cpSync(join(BACKEND, 'package.json'), join(root, BACKEND_PACKAGE_DIR, 'package.json'));
  assert.throws(
    () => ensureBackendBuilt(root),
    (err: Error) => {
      assert.equal(
        failureLine(err),
        'the backend is not built (backend-flask-ts/dist/start.js is missing) — fix: run it through the task runner, which builds it first: npm run setup (or npm run task -- build-backend)',
      );
      return true;
    },
  );
});
