/**
 * A real `moto_server` (preinstalled on the dev machines and CI) speaking the AWS protocols for STS
 * and the X-Ray trace APIs. Each test file gets its own server on a free port, so state never leaks.
 */
import { spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { TEST_DEADLINE_MS } from './deadline.js';
import { waitFor } from './wait.js';

export interface Moto {
  endpoint: string;
  /** Credentials moto accepts; obviously fake. */
  env: Record<string, string>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMoto(region = 'us-east-1', command = 'moto_server'): Promise<Moto> {
  const port = await freePort();
  const child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err)); // e.g. ENOENT: not installed
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A server that exited, or never started, ends the wait at once: no point waiting out the deadline.
  const gone = (): string | undefined => {
    if (spawnError !== undefined)
      return `${command} could not start (${spawnError.message}); run npm test, which checks the test prerequisites and says how to install it`;
    if (child.exitCode !== null) return `${command} exited with code ${child.exitCode}: ${stderr.trim()}`;
    return undefined;
  };
  const state = await waitFor(
    `${command} to answer`,
    async () => gone() ?? ((await fetch(`${endpoint}/moto-api/`)).ok ? 'up' : undefined),
    TEST_DEADLINE_MS,
  ).catch((err: unknown) => {
    child.kill();
    throw err;
  });
  if (state !== 'up') throw new Error(state);
  return {
    endpoint,
    env: {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: region,
      AWS_ENDPOINT_URL: endpoint,
    },
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
