import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { allStartedOrStopThem } from './cloud-fakes.js';
import { startMoto } from './moto.js';

test('startMoto serves STS GetCallerIdentity to a real AWS SDK client', async (t) => {
  const moto = await startMoto();
  t.after(() => moto.stop());
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! },
  });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.match(identity.Account ?? '', /^\d{12}$/);
});

test('startMoto fails at once, naming the program, when moto_server cannot start', async () => {
  // A program that does not exist: the wait must end with the cause, not run out the test deadline.
  await assert.rejects(
    startMoto('us-east-1', 'moto_server_not_installed_here'),
    /moto_server_not_installed_here could not start \(.*ENOENT/,
  );
});

test('allStartedOrStopThem stops the fakes that started when another did not, then throws its error', async () => {
  const stopped: string[] = [];
  let cleanedUp = false;
  const started: PromiseSettledResult<{ stop(): Promise<void> }>[] = [
    { status: 'fulfilled', value: { stop: async () => void stopped.push('xray') } },
    { status: 'rejected', reason: new Error('moto_server exited with code 1') },
    { status: 'fulfilled', value: { stop: async () => void stopped.push('honeycomb') } },
  ];
  await assert.rejects(
    allStartedOrStopThem(started, () => (cleanedUp = true)),
    /moto_server exited with code 1/,
  );
  assert.deepEqual(stopped.sort(), ['honeycomb', 'xray']);
  assert.equal(cleanedUp, true);
});
