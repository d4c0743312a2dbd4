/**
 * Local mode's stack: the trace inspector and the backend as native background processes, the
 * backend's three telemetry paths pointed at the inspector. `setup`/`up` start it, `down` stops it.
 * Both calls are idempotent: what already runs is reported, not started twice.
 */
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';
import { readToolkitVars } from '../toolkit-vars.js';
import { readBackendCommand } from './local/backend-command.js';
import { backendPort, inspectorUrl, localBackendEnv } from './local/env.js';
import { answers, isHealthy, waitHealthy, type HealthCheck } from './local/health.js';
import { logFile, logTail, runningPid, startBackground, stopBackground, type BackgroundProcess, type StartSpec } from './local/processes.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

const INSPECTOR: BackgroundProcess = { name: 'inspector', marker: 'scripts/inspector/main.ts' };
const BACKEND: BackgroundProcess = { name: 'backend', marker: 'dist/main.js' };

function inspectorCheck(config: ToolkitConfig): HealthCheck {
  return { name: 'the trace inspector', url: `${inspectorUrl(config)}/healthz`, isOurs: (body) => (body as { service?: unknown } | null)?.service === 'cruddur-inspector' };
}

function backendCheck(config: ToolkitConfig): HealthCheck {
  return { name: 'the backend', url: `http://127.0.0.1:${backendPort(config)}/api/health-check`, isOurs: (body) => (body as { success?: unknown } | null)?.success === true };
}

/** Starts one process unless it already runs; refuses a port that another program holds. */
async function ensureRunning(config: ToolkitConfig, log: Log, process_: BackgroundProcess, check: HealthCheck, spec: () => Promise<StartSpec>, portFix: string): Promise<void> {
  const { stateDir } = config;
  const pid = await runningPid(stateDir, process_);
  if (pid !== undefined && (await isHealthy(check))) {
    log.ok(`${check.name} is already running (pid ${pid})`);
    return;
  }
  if (pid !== undefined) {
    throw new ToolkitError(`${check.name} (pid ${pid}) is running but ${check.url} does not answer`, `run npm run down, then npm run setup again; its log is ${logFile(stateDir, process_.name)}`);
  }
  if (await answers(check.url)) {
    throw new ToolkitError(`another program already answers on ${new URL(check.url).host}, where ${check.name} should run`, portFix);
  }
  const started = startBackground(stateDir, await spec());
  log.step(`started ${check.name} (pid ${started.pid}), waiting until ${check.url} answers`);
  const outcome = await waitHealthy(check, started, log, START_TIMEOUT_MS);
  if (outcome.healthy) {
    log.ok(`${check.name} is healthy (pid ${started.pid}, log ${logFile(stateDir, process_.name)})`);
    return;
  }
  const tail = logTail(stateDir, process_.name);
  if (tail) log.warn(`last lines of ${logFile(stateDir, process_.name)}:\n${tail}`);
  if (outcome.reason === 'exited') {
    throw new ToolkitError(`${check.name} exited during start (${outcome.code ?? outcome.signal})`, `read the log lines above (${logFile(stateDir, process_.name)}) and fix what they name`);
  }
  await stopBackground(stateDir, process_);
  throw new ToolkitError(`${check.name} did not answer ${check.url} within ${START_TIMEOUT_MS / 1000} s`, `read ${logFile(stateDir, process_.name)}; then run npm run setup again`);
}

async function buildBackend(log: Log): Promise<void> {
  log.step('building the backend (npm run task -- build-backend)');
  const result = await $({ cwd: ROOT, quiet: true, nothrow: true })`npm run --silent task -- build-backend`;
  if (result.exitCode !== 0) {
    log.warn(`${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n'));
    throw new ToolkitError('the backend does not compile', 'fix the type errors above, then run npm run setup again');
  }
}

export async function startLocalStack(config: ToolkitConfig, log: Log): Promise<{ backendUrl: string; inspectorUrl: string }> {
  // The task's working directory is the project root, where `.env` lives (as for the config).
  const vars = readToolkitVars(process.cwd());
  const inspectorEnv = {
    ...process.env,
    CRUDDUR_INSPECTOR_XRAY_PORT: String(config.inspector.xrayPort),
    CRUDDUR_INSPECTOR_HTTP_PORT: String(config.inspector.httpPort),
    CRUDDUR_STATE_DIR: config.stateDir,
  };
  await ensureRunning(
    config,
    log,
    INSPECTOR,
    inspectorCheck(config),
    async () => ({ ...INSPECTOR, command: process.execPath, args: ['--import', 'tsx', INSPECTOR.marker], cwd: ROOT, env: inspectorEnv }),
    `stop that program, or set CRUDDUR_INSPECTOR_HTTP_PORT to a free port`,
  );
  await ensureRunning(
    config,
    log,
    BACKEND,
    backendCheck(config),
    async () => {
      await buildBackend(log);
      return { ...BACKEND, ...readBackendCommand(ROOT), env: localBackendEnv(config, vars) };
    },
    `stop that program (a compose stack? npm run down), or set BACKEND_URL to another port, e.g. http://127.0.0.1:4568`,
  );
  return { backendUrl: config.backendUrl, inspectorUrl: inspectorUrl(config) };
}

export async function stopLocalStack(config: ToolkitConfig, log: Log): Promise<{ stopped: string[] }> {
  const stopped: string[] = [];
  // The backend first, so its last spans, segments and items still reach the inspector.
  for (const process_ of [BACKEND, INSPECTOR]) {
    log.step(`stopping the ${process_.name}`);
    if (await stopBackground(config.stateDir, process_)) {
      stopped.push(process_.name);
      log.ok(`stopped the ${process_.name}`);
    } else {
      log.ok(`the ${process_.name} was not running`);
    }
  }
  return { stopped };
}
