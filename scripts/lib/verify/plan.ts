/**
 * Which destinations to prove. Local mode when the inspector answers (whatever started it:
 * setup, up, or compose's `local` profile) or when the config says local; else the cloud
 * destinations whose settings are present: X-Ray always, Honeycomb and Rollbar when configured.
 */
import { createXrayClient } from '../aws/clients.js';
import type { Mode, ToolkitConfig } from '../config/parse.js';
import { inspectorUrl } from '../stack/local/env.js';
import { daemonAddressError, DEFAULTS, parseDaemonAddress } from '@cruddur/trace-contract';
import { honeycombDestination } from './destinations/honeycomb.js';
import { inspectorAnswers, localDestination } from './destinations/local.js';
import { rollbarDestination } from './destinations/rollbar.js';
import { xrayDestination } from './destinations/xray.js';
import type { Destination } from './types.js';
import { ToolkitError } from '../errors.js';
import { loadToolkitConfig } from '../config/load.js';

/**
 * The config, as every task loads it; but settings that would make cloud mode incomplete (say a
 * Honeycomb key without AWS) do not stop a verification of a running local stack.
 */
export async function loadVerifyConfig(backendUrl: string | undefined, dotenv: Record<string, string>): Promise<ToolkitConfig> {
  try {
    return loadToolkitConfig({ flags: { backendUrl }, dotenv });
  } catch (err) {
    const local = loadToolkitConfig({ flags: { mode: 'local', backendUrl }, dotenv });
    if (await inspectorAnswers(inspectorUrl(local))) return local;
    throw err;
  }
}

export async function detectMode(config: ToolkitConfig): Promise<{ mode: Mode; reason: string }> {
  const url = inspectorUrl(config);
  if (await inspectorAnswers(url)) return { mode: 'local', reason: `the local inspector answers at ${url}` };
  return { mode: config.mode, reason: config.modeReason };
}

function daemonAddress(vars: Record<string, string>) {
  const raw = vars.AWS_XRAY_DAEMON_ADDRESS ?? DEFAULTS.xrayDaemonAddress;
  const address = parseDaemonAddress(raw);
  if (!address) throw new ToolkitError(daemonAddressError(raw), 'set AWS_XRAY_DAEMON_ADDRESS to host:port, e.g. 127.0.0.1:2000, or unset it');
  return address;
}

/** `vars`: the variables the config came from (process env over `.env`). */
export function planDestinations(mode: Mode, config: ToolkitConfig, vars: Record<string, string>): Destination[] {
  const xrayUrlPattern = vars.AWS_XRAY_URL;
  if (mode === 'local') return [localDestination({ inspectorUrl: inspectorUrl(config), xrayPort: config.inspector.xrayPort, xrayUrlPattern })];
  return [
    xrayDestination({ config, client: createXrayClient(config, { vars }), daemon: daemonAddress(vars).tcp, xrayUrlPattern }),
    ...(config.honeycomb ? [honeycombDestination(config.honeycomb, config.serviceName)] : []),
    ...(config.rollbar ? [rollbarDestination(config.rollbar)] : []),
  ];
}
