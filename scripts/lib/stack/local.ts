/**
 * Local mode's stack: the trace inspector and the backend as native background processes, the
 * backend's three telemetry paths pointed at the inspector. `setup`/`up` start it, `down` stops it.
 * Both calls are idempotent: what already runs is reported, not started twice. Where the stack
 * listens is remembered in the state folder for the later tasks; an interrupted start is undone.
 */
import { join } from 'node:path';
import type { ToolkitConfig } from '../config/parse.js';
import { forgetStack, rememberStack } from '../config/remembered.js';
import { parseFailureLine, ToolkitError, type TaskFailure } from '../errors.js';
import { InterruptedError } from '../interrupt.js';
import type { Log } from '../output/log.js';
import { BACKEND_PACKAGE_DIR, backendStartCommand, ensureBackendBuilt } from './local/backend-command.js';
import { backendPort, inspectorUrl, localBackendEnv } from './local/env.js';
import { answers, isHealthy, waitHealthy, type HealthCheck } from './local/health.js';
import {
  logFile,
  logTail,
  runningPid,
  startBackground,
  stopBackground,
  type BackgroundProcess,
  type StartSpec,
} from './local/processes.js';

const START_TIMEOUT_MS = 60_000;
/** Stopping after Ctrl-C must fit in the runner's grace period (5 s) for both processes. */
const INTERRUPT_GRACE_MS = 2_000;

const INSPECTOR: BackgroundProcess = { name: 'inspector', marker: 'packages/inspector/src/main.ts' };
/** Its command line is `node <absolute backend dir>`: the marker tells it from any other node. */
const backendProcess = (root: string): BackgroundProcess => ({
  name: 'backend',
  marker: join(root, BACKEND_PACKAGE_DIR),
});

function inspectorCheck(config: ToolkitConfig): HealthCheck {
  return {
    name: 'the trace inspector',
    url: `${inspectorUrl(config)}/healthz`,
    isOurs: (body) => (body as { service?: unknown } | null)?.service === 'cruddur-inspector',
  };
}

function backendCheck(config: ToolkitConfig): HealthCheck {
  return {
    name: 'the backend',
    url: `http://127.0.0.1:${backendPort(config)}/api/health-check`,
    isOurs: (body) => (body as { success?: unknown } | null)?.success === true,
  };
}

/** What one start of the stack did so far: what it started, and what it found running. */
interface StartRun {
  config: ToolkitConfig;
  log: Log;
  interrupt: AbortSignal;
  started: Array<{ process_: BackgroundProcess; name: string; pid: number }>;
  found: Array<{ name: string; pid: number }>;
}

/** The cause a process gave for dying (its last failure line since `from`), else undefined. */
function causeInLog(stateDir: string, process_: BackgroundProcess, from: number): TaskFailure | undefined {
  return logTail(stateDir, process_.name, from, Number.MAX_SAFE_INTEGER)
    .split('\n')
    .map(parseFailureLine)
    .filter((f) => f !== undefined)
    .at(-1);
}

/** Starts one process unless it already runs; refuses a port that another program holds. */
async function ensureRunning(
  run: StartRun,
  process_: BackgroundProcess,
  check: HealthCheck,
  spec: () => Promise<StartSpec>,
  portFix: string,
): Promise<void> {
  const { config, log, interrupt } = run;
  const { stateDir } = config;
  const log_ = logFile(stateDir, process_.name);
  const pid = await runningPid(stateDir, process_);
  if (pid !== undefined && (await isHealthy(check))) {
    run.found.push({ name: check.name, pid });
    log.ok(`${check.name} is already running (pid ${pid})`);
    return;
  }
  if (pid !== undefined) {
    throw new ToolkitError(
      `${check.name} (pid ${pid}) is running but ${check.url} does not answer`,
      `run npm run down, then npm run setup again; its log is ${log_}`,
    );
  }
  if (await answers(check.url)) {
    throw new ToolkitError(
      `another program already answers on ${new URL(check.url).host}, where ${check.name} should run`,
      portFix,
    );
  }
  const startSpec = await spec();
  interrupt.throwIfAborted();
  const started = startBackground(stateDir, startSpec);
  run.started.push({ process_, name: check.name, pid: started.pid });
  log.step(`started ${check.name} (pid ${started.pid})`);
  const outcome = await waitHealthy(check, started, log, START_TIMEOUT_MS, interrupt);
  if (outcome.healthy) {
    log.ok(`${check.name} is healthy (pid ${started.pid}, log ${log_})`);
    return;
  }
  interrupt.throwIfAborted();
  const cause = causeInLog(stateDir, process_, started.logFrom);
  if (outcome.reason === 'exited' && cause !== undefined) {
    throw new ToolkitError(`${check.name} exited during start: ${cause.problem}`, cause.fix);
  }
  // No cause in its own words: show what it wrote this time (not earlier runs' lines).
  const tail = logTail(stateDir, process_.name, started.logFrom);
  if (tail) log.warn(`what ${check.name} wrote to ${log_} this time:\n${tail}`);
  if (outcome.reason === 'exited') {
    throw new ToolkitError(
      `${check.name} exited during start (${outcome.code ?? outcome.signal})`,
      `read its lines above (${log_}) and fix what they name`,
    );
  }
  await stopBackground(stateDir, process_);
  throw new ToolkitError(
    `${check.name} did not answer ${check.url} within ${START_TIMEOUT_MS / 1000} s`,
    `read ${log_}; then run npm run setup again`,
  );
}

/** After an interrupt: stop what this start started (the backend first), and say what was left and why. */
async function undoInterruptedStart(run: StartRun, signal: NodeJS.Signals): Promise<InterruptedError> {
  const stopped: string[] = [];
  for (const { process_, name, pid } of [...run.started].reverse()) {
    if ((await stopBackground(run.config.stateDir, process_, INTERRUPT_GRACE_MS)) !== undefined)
      stopped.push(`${name} (pid ${pid})`);
  }
  const did =
    stopped.length > 0
      ? `stopped ${stopped.join(' and ')}, which this run had started`
      : 'nothing had been started yet';
  const left = run.found.map(({ name, pid }) => `${name} (pid ${pid})`);
  const kept =
    left.length > 0
      ? `; left ${left.join(' and ')} running, as it was running before this run (npm run down stops it)`
      : '';
  return new InterruptedError(signal, `${did}${kept}`);
}

/** `interrupt`: aborted by Ctrl-C; what this call started is then stopped again. */
export async function startLocalStack(
  config: ToolkitConfig,
  log: Log,
  interrupt: AbortSignal = new AbortController().signal,
): Promise<{ backendUrl: string; inspectorUrl: string }> {
  const inspectorEnv = {
    ...config.env,
    CRUDDUR_INSPECTOR_XRAY_PORT: String(config.inspector.xrayPort),
    CRUDDUR_INSPECTOR_HTTP_PORT: String(config.inspector.httpPort),
    CRUDDUR_STATE_DIR: config.stateDir,
  };
  const backend = backendProcess(config.root);
  const run: StartRun = { config, log, interrupt, started: [], found: [] };
  try {
    await ensureRunning(
      run,
      INSPECTOR,
      inspectorCheck(config),
      async () => ({
        ...INSPECTOR,
        command: process.execPath,
        args: ['--import', 'tsx', INSPECTOR.marker],
        cwd: config.root,
        env: inspectorEnv,
      }),
      `stop that program, or set CRUDDUR_INSPECTOR_HTTP_PORT to a free port`,
    );
    await ensureRunning(
      run,
      backend,
      backendCheck(config),
      async () => {
        ensureBackendBuilt(config.root);
        return { ...backend, ...backendStartCommand(config.root), env: localBackendEnv(config) };
      },
      `stop that program (a compose stack? npm run down), or set BACKEND_URL to another port, e.g. http://127.0.0.1:4568`,
    );
  } catch (err) {
    if (interrupt.aborted) throw await undoInterruptedStart(run, interrupt.reason as NodeJS.Signals);
    throw err;
  }
  // Later tasks (verify-traces, traces, setup again) find this stack where it is, without the same variables.
  rememberStack(config.stateDir, {
    BACKEND_URL: config.backendUrl,
    CRUDDUR_INSPECTOR_XRAY_PORT: String(config.inspector.xrayPort),
    CRUDDUR_INSPECTOR_HTTP_PORT: String(config.inspector.httpPort),
  });
  return { backendUrl: config.backendUrl, inspectorUrl: inspectorUrl(config) };
}

export async function stopLocalStack(config: ToolkitConfig, log: Log): Promise<{ stopped: string[] }> {
  const stopped: string[] = [];
  // The backend first, so its last spans, segments and items still reach the inspector.
  for (const process_ of [backendProcess(config.root), INSPECTOR]) {
    const since = Date.now();
    const waiting = log.wait(`stopping the ${process_.name} (it flushes its telemetry first)`);
    const pid = await stopBackground(config.stateDir, process_).finally(() => waiting.done());
    if (pid !== undefined) {
      stopped.push(process_.name);
      log.ok(`stopped the ${process_.name} (pid ${pid}) in ${((Date.now() - since) / 1000).toFixed(1)} s`);
    } else {
      log.ok(`the ${process_.name} was not running`);
    }
  }
  forgetStack(config.stateDir);
  return { stopped };
}
