/**
 * The cloud-mode stack through Docker Compose (`docker-compose.yml`, profile `cloud`): start it in the
 * background, wait until every service is running and healthy, stop it. Compose's own progress is
 * relayed line by line through the log, so secrets stay masked.
 */
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { $, type ProcessOutput } from 'zx';
import { ToolkitError } from '../errors.js';
import type { Log } from '../output/log.js';

export const COMPOSE_PROFILE = 'cloud';
/** The services of the profile, as named in `docker-compose.yml`. */
export const COMPOSE_SERVICES = ['backend-flask-ts', 'xray-daemon'] as const;

export interface ComposeContext {
  /** The folder of `docker-compose.yml` and `.env`. */
  root: string;
  /** The environment compose runs with (it wins over `.env` for interpolation). */
  env: NodeJS.ProcessEnv;
  log: Log;
  /** Aborted by Ctrl-C: a wait gives up at once. */
  interrupt?: AbortSignal;
}

const LOCAL_MODE_FIX = 'start Docker (or install it), or run without Docker: npm run setup -- --mode local';

/** Runs `docker ARGS`, relaying each output line (indented) through `relayTo` if given; never throws on exit codes. */
async function docker(
  ctx: Pick<ComposeContext, 'root' | 'env'>,
  args: string[],
  relayTo?: Log,
): Promise<ProcessOutput> {
  const proc = $({ cwd: ctx.root, env: ctx.env, quiet: true, nothrow: true })`docker ${args}`;
  if (relayTo) {
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on('line', (line) => line.trim() && relayTo.info(`  ${line.trim()}`));
    }
  }
  return proc;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** A Docker engine and the Compose v2 plugin, or the error that names local mode. */
export async function ensureDockerCompose(ctx: ComposeContext): Promise<void> {
  const info = await docker(ctx, ['info', '--format', '{{.ServerVersion}}']);
  if (info.exitCode === 127) throw new ToolkitError('docker is not installed', LOCAL_MODE_FIX);
  if (info.exitCode !== 0)
    throw new ToolkitError(`no Docker engine is running (${firstLine(info.stderr)})`, LOCAL_MODE_FIX);
  const compose = await docker(ctx, ['compose', 'version']);
  if (compose.exitCode !== 0) {
    throw new ToolkitError(
      'the Docker Compose v2 plugin is missing (docker compose version failed)',
      'install the docker-compose-plugin package (or Docker Desktop), or run: npm run setup -- --mode local',
    );
  }
}

function composeArgs(...rest: string[]): string[] {
  return ['compose', '--profile', COMPOSE_PROFILE, ...rest];
}

export async function composeUp(ctx: ComposeContext): Promise<void> {
  ctx.log.step(`Building and starting ${COMPOSE_SERVICES.join(' and ')} (docker compose up -d --build)…`);
  const result = await docker(ctx, composeArgs('up', '--detach', '--build'), ctx.log);
  if (result.exitCode !== 0) {
    throw new ToolkitError(
      `docker compose up failed (exit ${result.exitCode}): ${firstLine(result.stderr.split('\n').filter(Boolean).at(-1) ?? '')}`,
      'read the compose output above; after fixing, rerun npm run up',
    );
  }
}

export async function composeDown(ctx: ComposeContext): Promise<void> {
  ctx.log.step('Stopping the compose stack (docker compose down)…');
  const result = await docker(ctx, composeArgs('down', '--remove-orphans'), ctx.log);
  if (result.exitCode !== 0)
    throw new ToolkitError(
      `docker compose down failed (exit ${result.exitCode})`,
      'read the compose output above, then rerun npm run down',
    );
}

/** The latest lines a service logged (`docker compose logs`), or undefined when Docker or the service is not there. */
export async function composeServiceLog(
  ctx: Pick<ComposeContext, 'root' | 'env'>,
  service: (typeof COMPOSE_SERVICES)[number],
  lines = 200,
): Promise<string | undefined> {
  const result = await docker(ctx, composeArgs('logs', '--no-color', '--tail', String(lines), service));
  return result.exitCode === 0 ? result.stdout + result.stderr : undefined;
}

export interface ServiceState {
  service: string;
  /** `running`, `exited`, `created`, … */
  state: string;
  /** `healthy`, `unhealthy`, `starting`, or `` without a healthcheck. */
  health: string;
  exitCode: number;
}

/** `docker compose ps --format json`: a JSON array (Compose < 2.21) or one object per line (later). */
export function parseComposePs(text: string): ServiceState[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const rows: unknown[] = trimmed.startsWith('[')
    ? (JSON.parse(trimmed) as unknown[])
    : trimmed.split('\n').map((line) => JSON.parse(line) as unknown);
  return rows.map((row) => {
    const r = row as Record<string, unknown>;
    return {
      service: String(r.Service ?? ''),
      state: String(r.State ?? ''),
      health: String(r.Health ?? ''),
      exitCode: Number(r.ExitCode ?? 0),
    };
  });
}

/** Ready means running and, where there is a healthcheck, healthy. A dead service fails at once. */
export function assessServices(
  states: readonly ServiceState[],
  expected: readonly string[],
): { ready: boolean; waitingFor: string[] } {
  const waitingFor: string[] = [];
  for (const name of expected) {
    const s = states.find((x) => x.service === name);
    if (s?.state === 'exited' || s?.state === 'dead') {
      throw new ToolkitError(`${name} exited (code ${s.exitCode})`, `see why: docker compose logs ${name}`);
    }
    if (s?.health === 'unhealthy')
      throw new ToolkitError(`${name} is unhealthy (its healthcheck fails)`, `see why: docker compose logs ${name}`);
    if (s === undefined || s.state !== 'running' || (s.health !== '' && s.health !== 'healthy'))
      waitingFor.push(`${name} (${s ? s.health || s.state : 'not created'})`);
  }
  return { ready: waitingFor.length === 0, waitingFor };
}

export async function waitUntilHealthy(ctx: ComposeContext, timeoutMs = 120_000, pollMs = 2_000): Promise<void> {
  ctx.log.step(
    `Waiting until ${COMPOSE_SERVICES.join(' and ')} are healthy (up to ${Math.round(timeoutMs / 1000)} s)…`,
  );
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    ctx.interrupt?.throwIfAborted();
    const ps = await docker(ctx, composeArgs('ps', '--all', '--format', 'json'));
    if (ps.exitCode !== 0)
      throw new ToolkitError(
        `docker compose ps failed (${firstLine(ps.stderr)})`,
        'check the Docker engine is still running, then rerun npm run up',
      );
    const { ready, waitingFor } = assessServices(parseComposePs(ps.stdout), COMPOSE_SERVICES);
    if (ready) return;
    const now = waitingFor.join(', ');
    if (now !== last) ctx.log.info(`  waiting for ${now}`);
    last = now;
    if (Date.now() > deadline) {
      throw new ToolkitError(
        `the stack is not healthy after ${Math.round(timeoutMs / 1000)} s (waiting for ${now})`,
        `see why: docker compose logs ${COMPOSE_SERVICES[0]}`,
      );
    }
    await sleep(pollMs);
  }
}
