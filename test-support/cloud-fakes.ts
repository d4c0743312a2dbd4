/**
 * Everything cloud mode talks to, on this machine: moto_server (STS, X-Ray traces), the X-Ray
 * control-plane fake, the CloudWatch Logs resource-policy fake, the Honeycomb `/1/auth` fake, the local inspector's Rollbar-compatible item
 * endpoint, and recording `docker`/`gp` executables. `env` points the scripts at all of them, with
 * fake secrets whose values tests can search the output for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInspector, type Inspector } from '@cruddur/inspector/server';
import { startFakeCloudWatchLogs, type FakeCloudWatchLogs } from './fakes/cloudwatch-logs.js';
import { startFakeHoneycomb, type FakeHoneycomb } from './fakes/honeycomb-auth.js';
import { createRecordingExecutables, type RecordingExecutables } from './fakes/recording-executable.js';
import { startFakeXrayControlPlane, type FakeXrayControlPlane } from './fakes/xray-control-plane.js';
import { startMoto, type Moto } from './moto.js';

export const FAKE_SECRETS = Object.freeze({
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFakeSessionTokenForTests0123456789',
  HONEYCOMB_API_KEY: 'hcaik_01EXAMPLEj0fakefakefakefakefakefakefakefakefakefakefake7f3a',
  ROLLBAR_ACCESS_TOKEN: 'f00dfacef00dfacef00dfacef00d7e57',
});

export interface CloudFakes {
  moto: Moto;
  xray: FakeXrayControlPlane;
  logs: FakeCloudWatchLogs;
  honeycomb: FakeHoneycomb;
  rollbar: Inspector;
  bin: RecordingExecutables;
  /** The environment of a fully configured cloud mode pointed at the fakes. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The values of fakes started side by side; when one failed to start, the others are stopped first
 * (a server left listening would keep the test file from ever exiting) and the first failure thrown.
 */
export async function allStartedOrStopThem<T extends readonly unknown[]>(
  started: { [K in keyof T]: PromiseSettledResult<T[K]> },
  cleanUp: () => void,
): Promise<T> {
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure === undefined)
    return started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
  await Promise.allSettled(
    started.map(async (result) => {
      if (result.status !== 'fulfilled') return;
      const fake = result.value as { stop?: () => Promise<void>; close?: () => Promise<void> };
      await (fake.stop ?? fake.close)?.call(fake);
    }),
  );
  cleanUp();
  throw failure.reason;
}

export async function startCloudFakes(region = 'us-east-1'): Promise<CloudFakes> {
  const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-rollbar-'));
  const started = await Promise.allSettled([
    startMoto(region),
    startFakeXrayControlPlane({ region }),
    startFakeCloudWatchLogs({ region }),
    startFakeHoneycomb({ [FAKE_SECRETS.HONEYCOMB_API_KEY]: { environment: { name: 'Dev', slug: 'dev' } } }),
    startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir, note: () => undefined }),
  ] as const);
  const [moto, xray, logs, honeycomb, rollbar] = await allStartedOrStopThem(started, () =>
    rmSync(stateDir, { recursive: true, force: true }),
  );
  const bin = createRecordingExecutables();
  const env = {
    ...moto.env,
    ...FAKE_SECRETS,
    PATH: bin.path,
    AWS_ENDPOINT_URL_XRAY: xray.url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url,
    HONEYCOMB_API_ENDPOINT: honeycomb.url,
    ROLLBAR_ENDPOINT: `${rollbar.httpUrl}/api/1/item/`,
  };
  return {
    moto,
    xray,
    logs,
    honeycomb,
    rollbar,
    bin,
    env,
    stop: async () => {
      await Promise.all([moto.stop(), xray.stop(), logs.stop(), honeycomb.stop(), rollbar.close()]);
      bin.remove();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
