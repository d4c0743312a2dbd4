import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetTraceSummariesCommand } from '@aws-sdk/client-xray';
import { startMoto, type Moto } from '../../../test-support/moto.js';
import { parseToolkitConfig } from '../config/parse.js';
import { awsClientSettings, createStsClient, createXrayClient } from './clients.js';

describe('AWS clients built from the config', () => {
  let moto: Moto;
  before(async () => (moto = await startMoto('eu-west-2')));
  after(() => moto.stop());

  test('reach STS and X-Ray through AWS_ENDPOINT_URL, signed for the config region', async () => {
    const config = parseToolkitConfig({ env: moto.env });
    const identity = await createStsClient(config).send(new GetCallerIdentityCommand({}));
    assert.match(identity.Account ?? '', /^\d{12}$/);
    const xray = createXrayClient(config);
    assert.equal(await xray.config.region(), 'eu-west-2');
    const now = new Date();
    const summaries = await xray.send(
      new GetTraceSummariesCommand({ StartTime: new Date(now.getTime() - 60_000), EndTime: now }),
    );
    assert.deepEqual(summaries.TraceSummaries ?? [], []);
  });

  test('a service-specific endpoint wins over AWS_ENDPOINT_URL', async () => {
    const config = parseToolkitConfig({ env: { ...moto.env, AWS_ENDPOINT_URL_XRAY: 'http://127.0.0.1:9' } });
    const endpoint = await createXrayClient(config).config.endpoint?.();
    assert.equal(endpoint?.port, 9);
  });

  test('keys that only .env holds are handed to the SDK explicitly', () => {
    const config = parseToolkitConfig({ env: {}, dotenv: moto.env });
    const settings = awsClientSettings(config, moto.endpoint);
    assert.equal(settings.credentials?.accessKeyId, moto.env.AWS_ACCESS_KEY_ID);
    assert.equal(
      awsClientSettings(parseToolkitConfig({ env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1' } }), undefined)
        .credentials,
      undefined,
    );
  });
});

test('creating a client prints no Node version warning', () => {
  const script =
    "import { createStsClient } from './scripts/lib/aws/clients.ts'; import { parseToolkitConfig } from './scripts/lib/config/parse.ts'; createStsClient(parseToolkitConfig({ env: { AWS_PROFILE: 'x', AWS_REGION: 'us-east-1' } }));";
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...env } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /NodeVersionSupportWarning/);
});
