/**
 * `up`/`down` for the mode in force: cloud runs the compose stack (backend + X-Ray daemon); local
 * delegates to the native local stack (backend + trace inspector).
 */
import { resolveDaemonCredentials } from '../aws/daemon-credentials.js';
import type { ToolkitConfig } from '../config/parse.js';
import { forgetStack } from '../config/remembered.js';
import { guardInterrupts, InterruptedError } from '../interrupt.js';
import type { Log } from '../output/log.js';
import {
  composeDown,
  composeUp,
  ensureDockerCompose,
  waitUntilHealthy,
  type ComposeContext,
} from '../stack/compose.js';
import { startLocalStack, stopLocalStack } from '../stack/local.js';
import { detectWorkspace } from '../workspace.js';

export interface StackOptions {
  /** Values for compose's interpolation that are not saved yet (setup saves them once the stack is up). */
  composeEnv?: Record<string, string>;
}

export type StackUrls =
  { mode: 'cloud'; backendUrl: string; daemon: string } | { mode: 'local'; backendUrl: string; inspectorUrl: string };

/** What the stack needs on this machine, checked before anything is created: in cloud mode, Docker with Compose v2. */
export async function checkStackPrerequisites(config: ToolkitConfig, log: Log): Promise<void> {
  if (config.mode === 'cloud') await ensureDockerCompose(composeContext(config, log));
}

/** Compose runs in the project root with the config's environment (which holds `.env`'s variables, as compose's own reading would). */
function composeContext(config: ToolkitConfig, log: Log): ComposeContext {
  return { root: config.root, env: config.env, log };
}

/** Starts the stack of the mode in force; Ctrl-C meanwhile stops what this start started and says so. */
export async function startStack(config: ToolkitConfig, log: Log, options: StackOptions = {}): Promise<StackUrls> {
  const guard = guardInterrupts();
  try {
    if (config.mode === 'local') return { mode: 'local', ...(await startLocalStack(config, log, guard.signal)) };
    return await startComposeStack(config, log, options, guard.signal);
  } finally {
    guard.dispose();
  }
}

async function startComposeStack(
  config: ToolkitConfig,
  log: Log,
  options: StackOptions,
  interrupt: AbortSignal,
): Promise<StackUrls> {
  // The compose stack listens on the fixed ports of docker-compose.yml: no local stack's place to remember.
  forgetStack(config.stateDir);
  const base = composeContext(config, log);
  await ensureDockerCompose(base);
  const ctx = {
    ...base,
    env: { ...base.env, ...options.composeEnv, ...(await resolveDaemonCredentials(config)) },
    interrupt,
  };
  try {
    await composeUp(ctx);
    await waitUntilHealthy(ctx);
  } catch (err) {
    if (!interrupt.aborted) throw err;
    throw new InterruptedError(
      interrupt.reason as NodeJS.Signals,
      'docker compose up was cut short; the containers it had created may be running',
      'npm run down stops them; npm run setup starts again',
    );
  }
  log.ok('backend-flask-ts is healthy and xray-daemon is running');
  return {
    mode: 'cloud',
    backendUrl: detectWorkspace(config.env).publicUrl(4567),
    daemon: '127.0.0.1:2000 (udp segments, tcp sampling)',
  };
}

export async function stopStack(config: ToolkitConfig, log: Log): Promise<void> {
  if (config.mode === 'local') {
    const { stopped } = await stopLocalStack(config, log);
    log.ok(stopped.length > 0 ? `stopped ${stopped.join(' and ')}` : 'nothing was running');
    return;
  }
  const ctx = composeContext(config, log);
  await ensureDockerCompose(ctx);
  await composeDown(ctx);
  log.ok('the compose stack is stopped');
}

/** The short, scannable end of `up`/`setup`. */
export function describeStack(urls: StackUrls, config: ToolkitConfig): string[] {
  const lines = [`  backend        ${urls.backendUrl}  (health: ${urls.backendUrl}/api/health-check)`];
  if (urls.mode === 'cloud') {
    lines.push(
      `  X-Ray daemon   ${urls.daemon}`,
      `  X-Ray traces   https://console.aws.amazon.com/xray/home?region=${config.aws.region}#/traces`,
    );
  } else {
    lines.push(`  inspector      ${urls.inspectorUrl}  (npm run traces prints the latest)`);
  }
  lines.push('  next           npm run verify-traces   ·   stop: npm run down');
  return lines;
}
