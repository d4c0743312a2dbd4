/**
 * `up`/`down` for the mode in force: cloud runs the compose stack (backend + X-Ray daemon); local
 * delegates to the native local stack (backend + trace inspector).
 */
import { resolveDaemonCredentials } from '../aws/daemon-credentials.js';
import type { ToolkitConfig } from '../config/parse.js';
import type { Log } from '../output/log.js';
import { composeDown, composeUp, ensureDockerCompose, waitUntilHealthy, type ComposeContext } from '../stack/compose.js';
import { startLocalStack, stopLocalStack } from '../stack/local.js';
import { detectWorkspace } from '../workspace.js';

export interface StackOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  vars: Record<string, string>;
}

export type StackUrls = { mode: 'cloud'; backendUrl: string; daemon: string } | { mode: 'local'; backendUrl: string; inspectorUrl: string };

export async function startStack(config: ToolkitConfig, log: Log, options: StackOptions): Promise<StackUrls> {
  if (config.mode === 'local') return { mode: 'local', ...(await startLocalStack(config, log)) };
  const base: ComposeContext = { root: options.root, env: options.env, log };
  await ensureDockerCompose(base);
  const ctx = { ...base, env: { ...options.env, ...(await resolveDaemonCredentials(config, options.vars)) } };
  await composeUp(ctx);
  await waitUntilHealthy(ctx);
  log.ok('backend-flask-ts is healthy and xray-daemon is running');
  return { mode: 'cloud', backendUrl: detectWorkspace(options.env).publicUrl(4567), daemon: '127.0.0.1:2000 (udp segments, tcp sampling)' };
}

export async function stopStack(config: ToolkitConfig, log: Log, options: StackOptions): Promise<void> {
  if (config.mode === 'local') {
    const { stopped } = await stopLocalStack(config, log);
    log.ok(stopped.length > 0 ? `stopped ${stopped.join(' and ')}` : 'nothing was running');
    return;
  }
  const ctx: ComposeContext = { root: options.root, env: options.env, log };
  await ensureDockerCompose(ctx);
  await composeDown(ctx);
  log.ok('the compose stack is stopped');
}

/** The short, scannable end of `up`/`setup`. */
export function describeStack(urls: StackUrls, config: ToolkitConfig): string[] {
  const lines = [`  backend        ${urls.backendUrl}  (health: ${urls.backendUrl}/api/health-check)`];
  if (urls.mode === 'cloud') {
    lines.push(`  X-Ray daemon   ${urls.daemon}`, `  X-Ray traces   https://console.aws.amazon.com/xray/home?region=${config.aws.region}#/traces`);
  } else {
    lines.push(`  inspector      ${urls.inspectorUrl}  (npm run traces prints the latest)`);
  }
  lines.push('  next           npm run verify-traces   ·   stop: npm run down');
  return lines;
}
