/**
 * There is no Docker engine on the dev machines or CI, so the Dockerfile is checked two ways:
 * a linter (dockerfile-utils), and its final stage's exact start command run natively in a
 * folder laid out like the image (/app with the workspace's package.json, node_modules and dist).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { DockerfileParser, type Cmd, type Copy, type Env, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { BACKEND_DIR, startBackendProcess } from '../test-support/backend-process.js';

const ROOT = join(BACKEND_DIR, '..');
const DOCKERFILE = readFileSync(join(BACKEND_DIR, 'Dockerfile'), 'utf8');
const instructions = DockerfileParser.parse(DOCKERFILE).getInstructions();
const finalStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'));
const ofKind = (stage: Instruction[], keyword: string) => stage.filter((i) => i.getKeyword() === keyword);

test('the Dockerfile passes the dockerfile-utils linter', () => {
  assert.deepEqual(
    validate(DOCKERFILE).map((d) => `line ${d.range.start.line + 1}: ${d.message}`),
    [],
  );
});

test('every COPY source exists in the build context (the repository root)', () => {
  for (const copy of ofKind(instructions, 'COPY')) {
    if ((copy as Copy).getFromFlag() !== null) continue;
    const args = copy.getArguments().map((a) => a.getValue());
    for (const source of args.slice(0, -1))
      assert.ok(existsSync(join(ROOT, source)), `COPY ${source}: not in the repository`);
  }
});

test('the runtime stage runs as a non-root user, with production dependencies only, in exec form', () => {
  assert.deepEqual(
    ofKind(finalStage, 'USER').map((u) => u.getArgumentsContent()),
    ['node'],
  );
  assert.match(
    ofKind(finalStage, 'RUN')
      .map((r) => r.getArgumentsContent())
      .join('\n'),
    /npm ci [^\n]*--omit=dev/,
  );
  assert.equal(ofKind(finalStage, 'HEALTHCHECK').length, 0, 'compose owns the healthcheck');
  assert.equal(
    (ofKind(finalStage, 'CMD')[0] as Cmd).getOpeningBracket() !== null,
    true,
    'CMD in exec form so SIGTERM reaches node',
  );
});

test("the image's exact start command, run natively in the image's layout, serves a healthy backend", async (t) => {
  const app = mkdtempSync(join(tmpdir(), 'cruddur-image-'));
  t.after(() => rmSync(app, { recursive: true, force: true }));
  const workdir = ofKind(finalStage, 'WORKDIR')
    .map((w) => w.getArgumentsContent()!)
    .at(-1)!;
  assert.ok(workdir.startsWith('/app/'), `WORKDIR ${workdir} is under /app`);
  const imageBackend = join(app, relative('/app', workdir));

  // /app holds the root package.json + node_modules and the workspace's package.json + dist.
  cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  cpSync(join(BACKEND_DIR, 'package.json'), join(imageBackend, 'package.json'));
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(BACKEND_DIR, 'tsconfig.build.json'),
    '--outDir',
    join(imageBackend, 'dist'),
  ]);

  const env = Object.fromEntries(
    ofKind(finalStage, 'ENV').flatMap((e) => (e as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? ''])),
  );
  const command = (ofKind(finalStage, 'CMD')[0] as Cmd).getJSONStrings().map((s) => s.getJSONValue());
  const backend = await startBackendProcess({ command, cwd: imageBackend, env: { ...env, PORT: '0' } });
  t.after(() => backend.stop());

  const res = await fetch(`${backend.url}/api/health-check`);
  assert.deepEqual(await res.json(), { success: true, ver: 1 });
  assert.deepEqual(await backend.stop(), { code: 0, signal: null });
});
