/**
 * The backend's SigV4 signer against a verifier that recomputes the signature from the raw request
 * with the AWS SDK's own signer (test-support/sigv4.ts), both ways: what the backend signs passes, and
 * a tampered body, another secret, another service or region fail — so the verifier would catch a
 * signer that signs the wrong thing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifySigV4, type RawRequest } from '../../../test-support/sigv4.js';
import { createSigV4Signer } from './aws-sigv4.js';

const KEY = { accessKeyId: 'AKIAEXAMPLEFAKE00001', secretAccessKey: 'fake/secret/example/key/0000000000000001' };
const SESSION = { ...KEY, sessionToken: 'FwoGZXIvYXdzEXAMPLEfakeSessionToken0001' };
const expect = { region: 'eu-west-2', service: 'xray', secrets: { [KEY.accessKeyId]: KEY.secretAccessKey } };

async function signedRequest(
  options: { region?: string; service?: string; credentials?: typeof KEY | typeof SESSION; body?: Buffer } = {},
): Promise<RawRequest> {
  const sign = createSigV4Signer({
    region: options.region ?? 'eu-west-2',
    service: options.service ?? 'xray',
    credentials: async () => options.credentials ?? KEY,
  });
  const url = new URL('https://xray.eu-west-2.amazonaws.com/v1/traces');
  const body = options.body ?? Buffer.from([0x0a, 0x02, 0x08, 0x01]);
  const headers: Record<string, string> = {
    'content-type': 'application/x-protobuf',
    'content-length': String(body.length),
  };
  Object.assign(headers, await sign({ method: 'POST', url, headers, body }));
  return { method: 'POST', url: url.pathname, headers, body };
}

test('a request the backend signed for xray in its region passes, session token included', async () => {
  const verdict = await verifySigV4(await signedRequest(), expect);
  assert.ok(verdict.ok, JSON.stringify(verdict));
  assert.deepEqual([verdict.region, verdict.service], ['eu-west-2', 'xray']);
  assert.ok(verdict.signedHeaders.includes('x-amz-content-sha256') && verdict.signedHeaders.includes('host'));
  const withToken = await signedRequest({ credentials: SESSION });
  assert.equal(withToken.headers['x-amz-security-token'], SESSION.sessionToken);
  assert.ok((await verifySigV4(withToken, expect)).ok);
});

test('the same request signed by the AWS SDK signer directly passes too', async () => {
  const signer = new SignatureV4({
    service: 'xray',
    region: 'eu-west-2',
    credentials: KEY,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  const body = Buffer.from('otlp');
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname: 'xray.eu-west-2.amazonaws.com',
    path: '/v1/traces',
    query: {},
    headers: { host: 'xray.eu-west-2.amazonaws.com', 'content-type': 'application/x-protobuf' },
    body,
  });
  assert.ok((await verifySigV4({ method: 'POST', url: '/v1/traces', headers: signed.headers, body }, expect)).ok);
});

test('a tampered body, another secret, another service or region, a tampered header all fail', async () => {
  const tampered = await signedRequest();
  tampered.body = Buffer.from([0x0a, 0x02, 0x08, 0x02]);
  const cases: Array<[string, RawRequest, typeof expect, string]> = [
    ['tampered body', tampered, expect, 'InvalidSignatureException'],
    [
      'wrong secret',
      await signedRequest(),
      { ...expect, secrets: { [KEY.accessKeyId]: 'another/secret/0000000000000000000000000' } },
      'InvalidSignatureException',
    ],
    ['unknown key', await signedRequest(), { ...expect, secrets: {} }, 'UnrecognizedClientException'],
    ['wrong service', await signedRequest({ service: 'execute-api' }), expect, 'InvalidSignatureException'],
    ['wrong region', await signedRequest({ region: 'us-east-1' }), expect, 'InvalidSignatureException'],
  ];
  const typeChanged = await signedRequest();
  typeChanged.headers['content-type'] = 'application/json';
  cases.push(['a signed header changed', typeChanged, expect, 'InvalidSignatureException']);
  const unsigned = await signedRequest();
  delete unsigned.headers['authorization'];
  cases.push(['no signature', unsigned, expect, 'MissingAuthenticationTokenException']);
  for (const [name, request, expectation, type] of cases) {
    const verdict = await verifySigV4(request, expectation);
    assert.equal(verdict.ok, false, name);
    if (!verdict.ok) assert.equal(verdict.type, type, name);
  }
});
