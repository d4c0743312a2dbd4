/**
 * No Docker engine here, so the image is never built: the inspector's Dockerfile is linted
 * (dockerfile-utils), its COPY sources checked, its installs checked to be the inspector's workspace
 * alone, and its exact entrypoint run natively on the compiled JS (`npm run build`) with its ENV.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Cmd, type Copy, type Entrypoint, type Env, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { freePort } from '../../test-support/free-port.js';
import { waitFor } from '../../test-support/wait.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCKERFILE = readFileSync(new URL('./Dockerfile', import.meta.url), 'utf8');
const instructions = DockerfileParser.parse(DOCKERFILE).getInstructions();
const ofKind = (keyword: string): Instruction[] => instructions.filter((i) => i.getKeyword() === keyword);
const lastStage = instructions.slice(instructions.findLastIndex((i) => i.getKeyword() === 'FROM'));

test('the inspector Dockerfile passes the dockerfile-utils linter', () => {
  assert.deepEqual(
    validate(DOCKERFILE).map((d) => `line ${d.range.start.line + 1}: ${d.message}`),
    [],
  );
});

test('every COPY source from the build context exists in the repository', () => {
  for (const copy of ofKind('COPY') as Copy[]) {
    if (copy.getFromFlag()) continue;
    for (const source of copy
      .getArguments()
      .map((a) => a.getValue())
      .slice(0, -1))
      assert.ok(existsSync(join(ROOT, source)), `COPY ${source}: not in the repository`);
  }
});

test('it installs the inspector workspace alone, and the image keeps its production dependencies only', () => {
  const installs = ofKind('RUN')
    .map((run) => run.getArgumentsContent() ?? '')
    .filter((line) => line.includes('npm ci'));
  assert.equal(installs.length, 2, 'one install to build, one for the image');
  for (const install of installs) assert.match(install, /npm ci --workspace @cruddur\/inspector /, install);
  const runtime = lastStage.filter((i) => i.getKeyword() === 'RUN').map((run) => run.getArgumentsContent() ?? '');
  assert.ok(
    runtime.some((line) => /npm ci --workspace @cruddur\/inspector --omit=dev/.test(line)),
    'the image installs with --omit=dev',
  );
  const copied = lastStage
    .filter((i) => i.getKeyword() === 'COPY')
    .flatMap((copy) =>
      (copy as Copy)
        .getArguments()
        .map((a) => a.getValue())
        .slice(0, -1),
    );
  assert.ok(
    !copied.some((source) => /src\/?$|^scripts|^packages\/inspector\/?$/.test(source)),
    `the image copies no sources: ${copied.join(', ')}`,
  );
});

test("the image's exact entrypoint, run natively on the compiled JS, serves /healthz", async (t) => {
  execFileSync('npm', ['run', '-s', 'build', '--workspace', '@cruddur/inspector'], { cwd: ROOT, stdio: 'ignore' });
  const env = Object.fromEntries(
    lastStage
      .filter((i) => i.getKeyword() === 'ENV')
      .flatMap((e) => (e as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? ''])),
  );
  assert.deepEqual(Object.keys(env).sort(), [
    'CRUDDUR_INSPECTOR_HTTP_PORT',
    'CRUDDUR_INSPECTOR_XRAY_PORT',
    'CRUDDUR_STATE_DIR',
    'NODE_ENV',
  ]);
  const entrypoint = (ofKind('ENTRYPOINT')[0] as Entrypoint).getJSONStrings().map((s) => s.getJSONValue());
  const cmd = (ofKind('CMD')[0] as Cmd).getJSONStrings().map((s) => s.getJSONValue());
  const [command, ...args] = [...entrypoint, ...cmd];
  assert.equal(command, 'node');
  assert.ok(
    args.includes('packages/inspector/dist/main.js'),
    'it runs the compiled JS, not TypeScript through a loader',
  );
  const data = mkdtempSync(join(tmpdir(), 'inspector-image-'));
  t.after(() => rmSync(data, { recursive: true, force: true }));
  const httpPort = await freePort();
  // The image's ports and /data, moved to free ones here.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      CRUDDUR_STATE_DIR: data,
      CRUDDUR_INSPECTOR_XRAY_PORT: String(await freePort()),
      CRUDDUR_INSPECTOR_HTTP_PORT: String(httpPort),
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const health = await waitFor(
    'the inspector',
    async () => {
      const response = await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => undefined);
      return response?.ok ? ((await response.json()) as { service: string }) : undefined;
    },
    30_000,
  );
  assert.equal(health.service, 'cruddur-inspector');
});
