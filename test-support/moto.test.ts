import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto } from './moto.js';

test('startMoto serves STS GetCallerIdentity to a real AWS SDK client', async (t) => {
  const moto = await startMoto();
  t.after(() => moto.stop());
  const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! } });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.match(identity.Account ?? '', /^\d{12}$/);
});
