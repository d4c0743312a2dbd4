/**
 * Issue 13, as a newcomer met it in local mode, through the README's own commands (`npm run …` in a
 * project root of its own, on free ports): a half-configured cloud under `--mode local`, a
 * `BACKEND_URL` override that later tasks must find, what a plain `docker compose up` then runs,
 * Ctrl-C during setup, and failures whose cause lies in a port that another program holds.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDotenv } from '../lib/config/dotenv.js';
import { parse as parseYaml } from 'yaml';
import { freePort } from '../../test-support/free-port.js';
import { createRunnableRoot, NPM_QUIET, runNpm, taskEnv } from '../../test-support/task-process.js';
import { waitFor } from '../../test-support/wait.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function localPorts(stateDir: string): Promise<Record<string, string>> {
  return {
    CRUDDUR_STATE_DIR: stateDir,
    CRUDDUR_INSPECTOR_XRAY_PORT: String(await freePort()),
    CRUDDUR_INSPECTOR_HTTP_PORT: String(await freePort()),
    BACKEND_URL: `http://127.0.0.1:${await freePort()}`,
  };
}

describe('setup -- --mode local on other ports, past a half-configured cloud; the next commands find it', () => {
  const root = createRunnableRoot();
  const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-state-'));
  let ports: Record<string, string>;
  let setup: Awaited<ReturnType<typeof runNpm>>;
  /** Only the state folder: what a later shell, without the setup's variables, has. */
  const later = () => ({ CRUDDUR_STATE_DIR: stateDir });

  before(async () => {
    ports = await localPorts(stateDir);
    setup = await runNpm(['setup', '--', '--mode', 'local'], { root, env: { ...ports, AWS_ACCESS_KEY_ID: 'x' } });
  });
  after(async () => {
    await runNpm(['down', '--', '--mode', 'local'], { root, env: later() });
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  test('AWS_ACCESS_KEY_ID=x npm run setup -- --mode local succeeds and says what it set aside', () => {
    assert.equal(setup.code, 0, setup.output);
    assert.match(
      setup.stdout,
      /^Mode: local \(--mode local; AWS settings ignored: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not\)$/m,
    );
    assert.match(setup.stdout, /^✔ Cruddur is up in local mode$/m);
  });

  test('the printed next step, npm run verify-traces, targets the backend setup started, without BACKEND_URL', async () => {
    const verify = await runNpm(['-s', 'verify-traces', '--', '--json'], { root, env: later() });
    assert.equal(verify.code, 0, verify.output);
    assert.match(verify.stderr, new RegExp(`sending 3 tagged requests to ${ports.BACKEND_URL}`));
    const report = JSON.parse(verify.stdout) as { destinations: Array<{ name: string; ok: boolean; link: string }> };
    assert.deepEqual(
      report.destinations.map(({ name, ok }) => [name, ok]),
      [['local', true]],
    );
    assert.ok(report.destinations[0]!.link.startsWith(`http://127.0.0.1:${ports.CRUDDUR_INSPECTOR_HTTP_PORT}/`));
  });

  test('a plain docker compose up now runs the local profile (COMPOSE_PROFILES in .env)', () => {
    const dotenv = parseDotenv(readFileSync(join(root, '.env'), 'utf8'));
    assert.equal(dotenv.COMPOSE_PROFILES, 'local');
    assert.equal(dotenv.AWS_ACCESS_KEY_ID, undefined, 'local mode saves no keys');
    // Compose runs the services of the profiles COMPOSE_PROFILES names (docker-compose 1.29's
    // `config` lists every service, so the profile filter is applied to what it parsed).
    const config = spawnSync('docker-compose', ['config'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(config.status, 0, config.stderr);
    const services = (parseYaml(config.stdout) as { services: Record<string, { profiles?: string[] }> }).services;
    const started = Object.entries(services)
      .filter(([, service]) => service.profiles?.includes(dotenv.COMPOSE_PROFILES!))
      .map(([name]) => name);
    assert.deepEqual(started.sort(), ['backend-local', 'inspector']);
  });

  test('down, from a later shell, stops both with a word on each, and forgets where they were', async () => {
    const pids = ['backend', 'inspector'].map((name) => Number(readFileSync(join(stateDir, `${name}.pid`), 'utf8')));
    const down = await runNpm(['down', '--', '--mode', 'local'], { root, env: later() });
    assert.equal(down.code, 0, down.output);
    assert.match(down.stdout, /^› stopping the backend \(it flushes its telemetry first\)$/m);
    assert.match(down.stdout, /^✔ stopped the backend \(pid \d+\) in \d+\.\d s$/m);
    assert.match(down.stdout, /^✔ stopped the inspector \(pid \d+\) in \d+\.\d s$/m);
    assert.ok(pids.every((pid) => !isAlive(pid)));
    assert.equal(existsSync(join(stateDir, 'stack.json')), false);
  });
});

describe('Ctrl-C during setup', () => {
  test('stops what setup had started, and the last lines say so truthfully', async (t) => {
    const root = createRunnableRoot();
    const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-state-'));
    t.after(() => [root, stateDir].forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    // Its own process group, as a terminal's foreground job: Ctrl-C sends SIGINT to the whole group.
    const child = spawn('npm', ['run', 'setup', '--', '--mode', 'local'], {
      cwd: root,
      env: taskEnv(root, { ...NPM_QUIET, ...(await localPorts(stateDir)) }),
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<string>((resolve) =>
      child.once('close', (code, signal) => resolve(String(code ?? signal))),
    );
    const inspectorPid = await waitFor(
      'setup to start the inspector',
      async () => Number(/started the trace inspector \(pid (\d+)\)/.exec(output)?.[1]) || undefined,
      60_000,
    );
    process.kill(-child.pid!, 'SIGINT');
    assert.ok(['130', 'SIGINT'].includes(await exited), `npm ends as after Ctrl-C: ${await exited}`);
    assert.equal(isAlive(inspectorPid), false, output);
    assert.equal(existsSync(join(stateDir, 'inspector.pid')), false);
    // One failure line, the run's last: the runner's, carrying what setup reported it undid.
    assert.deepEqual(
      output.split('\n').filter((line) => line.startsWith('✖')),
      [
        `✖ stopped by SIGINT; every running task was stopped (setup: interrupted (SIGTERM): stopped the trace inspector (pid ${inspectorPid}), which this run had started) — fix: rerun the task when ready`,
      ],
    );
    assert.match(output.trimEnd().split('\n').at(-1)!, /^✖ stopped by SIGINT; every running task was stopped/);
  });
});

describe('a port another program holds: the last line names it and the fix', () => {
  test("UDP for the inspector: the cause of this run, not an older log's", async (t) => {
    const root = createRunnableRoot();
    const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-state-'));
    const socket = createSocket('udp4');
    const udpPort = await new Promise<number>((resolve) =>
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
    );
    t.after(() => {
      socket.close();
      [root, stateDir].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    });
    writeFileSync(join(stateDir, 'inspector.log'), '--- an earlier run\n✖ an older failure — fix: an older fix\n');
    const run = await runNpm(['setup', '--', '--mode', 'local'], {
      root,
      env: { ...(await localPorts(stateDir)), CRUDDUR_INSPECTOR_XRAY_PORT: String(udpPort) },
    });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.output, /older/);
    assert.equal(
      run.stderr.trimEnd().split('\n').at(-1),
      `✖ task "setup" failed with exit code 1: the trace inspector exited during start: UDP port ${udpPort} is already in use (another inspector, an X-Ray daemon or an OTel collector?) — fix: stop that process (npm run down), or pick another port with CRUDDUR_INSPECTOR_XRAY_PORT`,
    );
  });

  test('TCP for npm run backend', async (t) => {
    const root = createRunnableRoot();
    const holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '0.0.0.0', () => resolve((holder.address() as { port: number }).port)),
    );
    t.after(() => {
      holder.close();
      rmSync(root, { recursive: true, force: true });
    });
    const run = await runNpm(['backend'], {
      root,
      env: { PORT: String(port), OTEL_SDK_DISABLED: 'true', AWS_XRAY_SDK_ENABLED: 'false' },
    });
    assert.equal(run.code, 1);
    assert.equal(run.output.split('\n').filter((line) => line.startsWith('✖')).length, 1, run.output);
    assert.equal(
      run.stderr.trimEnd().split('\n').at(-1),
      `✖ task "backend" failed with exit code 1: port ${port} is already in use, so the backend cannot listen — fix: stop the program that holds it (npm run down stops the toolkit's stack), or set PORT to a free port`,
    );
  });
});
