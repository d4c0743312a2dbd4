/**
 * A real `moto_server` (preinstalled on the dev machines and CI) speaking the AWS protocols for STS
 * and the X-Ray trace APIs. Each test file gets its own server on a free port, so state never leaks.
 */
import { spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

export interface Moto {
  endpoint: string;
  /** Credentials moto accepts; obviously fake. */
  env: Record<string, string>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMoto(region = 'us-east-1'): Promise<Moto> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor('moto_server to answer', async () => {
      if (child.exitCode !== null) throw new Error(`moto_server exited: ${stderr.trim()}`);
      return (await fetch(`${endpoint}/moto-api/`)).ok || undefined;
    }, 30_000);
  } catch (err) {
    child.kill();
    throw err;
  }
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
