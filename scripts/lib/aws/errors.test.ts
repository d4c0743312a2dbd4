import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeAwsError, type AwsCallContext } from './errors.js';

const CTX: AwsCallContext = {
  service: 'X-Ray',
  operation: 'CreateGroup',
  iamPrefix: 'xray',
  region: 'us-east-1',
  endpoint: undefined,
  profile: undefined,
};
const sdkError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

test('offline: a name that does not resolve, when no name resolves, blames the network, not the region', () => {
  const error = describeAwsError(
    netError('ENOTFOUND'),
    { ...CTX, service: 'STS', operation: 'GetCallerIdentity' },
    { dnsWorks: false },
  );
  assert.match(error.problem, /cannot reach AWS: no name resolves.*looks offline \(STS GetCallerIdentity: ENOTFOUND\)/);
  assert.match(error.fix, /check the network connection/);
  assert.doesNotMatch(`${error.problem} ${error.fix}`, /region/i);
});

describe('describeAwsError names the cause and the fix', () => {
  const rows: Array<[string, unknown, Partial<AwsCallContext>, RegExp, RegExp]> = [
    [
      'an expired session token',
      sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403),
      {},
      /credentials have expired/,
      /AWS_SESSION_TOKEN/,
    ],
    [
      'an expired SSO session',
      sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired'),
      { profile: 'dev' },
      /credentials have expired/,
      /aws sso login --profile dev/,
    ],
    [
      'an unknown key',
      sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403),
      {},
      /does not recognise these credentials/,
      /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    ],
    [
      'an STS invalid key id',
      sdkError('InvalidClientTokenId', 'The security token included in the request is invalid', 403),
      {},
      /does not recognise/,
      /aws configure/,
    ],
    [
      'access denied',
      sdkError('AccessDeniedException', 'User: x is not authorized to perform: xray:CreateGroup', 403),
      {},
      /may not call xray:CreateGroup/,
      /allow xray:CreateGroup.*AWSXrayFullAccess/,
    ],
    [
      'a signature scoped to the wrong region',
      sdkError('InvalidSignatureException', "Credential should be scoped to a valid region, not 'eu-west-1'.", 403),
      { region: 'eu-west-1' },
      /refused the request for region eu-west-1/,
      /set AWS_REGION/,
    ],
    [
      'no credentials anywhere',
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      {},
      /no AWS credentials could be loaded/,
      /aws configure.*--mode local/,
    ],
    [
      'a refused connection to an emulator',
      netError('ECONNREFUSED'),
      { endpoint: 'http://127.0.0.1:9' },
      /cannot reach X-Ray at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
      /network or proxy/,
    ],
    [
      'a region whose endpoint does not resolve',
      netError('ENOTFOUND'),
      { region: 'us-east-9' },
      /cannot resolve the X-Ray endpoint of region us-east-9/,
      /AWS_REGION=us-east-9 is a real region/,
    ],
    ['no network at all', netError('EAI_AGAIN'), {}, /cannot reach X-Ray at region us-east-1 \(EAI_AGAIN\)/, /network/],
    ['throttling', sdkError('ThrottledException', 'Rate exceeded', 429), {}, /throttled/, /wait a minute/],
    [
      'anything else: named as an unexpected answer, no DEBUG=1 promise',
      sdkError('InvalidRequestException', 'Invalid filter expression'),
      {},
      /X-Ray CreateGroup got an unexpected answer from region us-east-1 \(HTTP 400, InvalidRequestException: Invalid filter expression\)/,
      /^this is not a known credential, region or network cause: open an issue with this line$/,
    ],
    [
      'an emulator without the API (an HTML 404)',
      sdkError(
        'SyntaxError',
        'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response…',
        404,
      ),
      { endpoint: 'http://127.0.0.1:5000', endpointVariable: 'AWS_ENDPOINT_URL_XRAY' },
      /^http:\/\/127\.0\.0\.1:5000 answered X-Ray CreateGroup with something that is not an AWS answer \(HTTP 404, SyntaxError/,
      /AWS_ENDPOINT_URL_XRAY=http:\/\/127\.0\.0\.1:5000 serves X-Ray and implements CreateGroup/,
    ],
  ];
  for (const [name, err, ctx, problem, fix] of rows) {
    test(name, () => {
      const error = describeAwsError(err, { ...CTX, ...ctx });
      assert.doesNotMatch(`${error.problem} ${error.fix}`, /DEBUG=1/);
      assert.match(error.problem, problem);
      assert.match(error.fix, fix);
    });
  }
});
