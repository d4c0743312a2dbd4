/**
 * No Docker engine here: the inspector's Dockerfile is linted (dockerfile-utils), its COPY sources
 * checked, and its exact CMD run natively from the repository (the image's /app) with its ENV.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Cmd, type Copy, type Env, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { freePort } from '../../test-support/free-port.js';
import { waitFor } from '../../test-support/wait.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCKERFILE = readFileSync(new URL('./Dockerfile', import.meta.url), 'utf8');
const instructions = DockerfileParser.parse(DOCKERFILE).getInstructions();
const ofKind = (keyword: string): Instruction[] => instructions.filter((i) => i.getKeyword() === keyword);

test('the inspector Dockerfile passes the dockerfile-utils linter', () => {
  assert.deepEqual(validate(DOCKERFILE).map((d) => `line ${d.range.start.line + 1}: ${d.message}`), []);
});

test('every COPY source exists in the build context (the repository root)', () => {
  for (const copy of ofKind('COPY') as Copy[]) {
    for (const source of copy.getArguments().map((a) => a.getValue()).slice(0, -1)) assert.ok(existsSync(join(ROOT, source)), `COPY ${source}: not in the repository`);
  }
});

test("the image's exact command, run natively from the repository, serves /healthz", async (t) => {
  const env = Object.fromEntries(ofKind('ENV').flatMap((e) => (e as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? ''])));
  assert.deepEqual(Object.keys(env).sort(), ['CRUDDUR_INSPECTOR_HTTP_PORT', 'CRUDDUR_INSPECTOR_XRAY_PORT', 'CRUDDUR_STATE_DIR']);
  const [command, ...args] = (ofKind('CMD')[0] as Cmd).getJSONStrings().map((s) => s.getJSONValue());
  assert.equal(command, 'node');
  const data = mkdtempSync(join(tmpdir(), 'inspector-image-'));
  t.after(() => rmSync(data, { recursive: true, force: true }));
  const httpPort = await freePort();
  // The image's ports and /data, moved to free ones here.
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, CRUDDUR_STATE_DIR: data, CRUDDUR_INSPECTOR_XRAY_PORT: String(await freePort()), CRUDDUR_INSPECTOR_HTTP_PORT: String(httpPort) }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const health = await waitFor('the inspector', async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => undefined);
    return response?.ok ? ((await response.json()) as { service: string }) : undefined;
  }, 30_000);
  assert.equal(health.service, 'cruddur-inspector');
});
