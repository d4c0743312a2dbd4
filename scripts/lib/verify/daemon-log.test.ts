import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daemonLogCause } from './daemon-log.js';

/** Lines as amazon/aws-xray-daemon logs them. */
const DENIED =
  '2026-11-29T17:00:03Z [Error] Unable to send spans to service: AccessDeniedException: User: arn:aws:iam::123456789012:user/cruddur is not authorized to perform: xray:PutTraceSegments because no identity-based policy allows the xray:PutTraceSegments action';
const EXPIRED =
  '2026-11-29T17:00:03Z [Error] Sending segment batch failed with: ExpiredTokenException: The security token included in the request is expired';
const UNKNOWN_KEY =
  '2026-11-29T17:00:03Z [Error] Sending segment batch failed with: UnrecognizedClientException: The security token included in the request is invalid.';
const NO_CREDENTIALS =
  '2026-11-29T17:00:03Z [Error] Sending segment batch failed with: NoCredentialProviders: no valid providers in chain. Deprecated.';
const START = '2026-11-29T17:00:00Z [Info] Initializing AWS X-Ray daemon 3.3.13';

test('the daemon log names what AWS refused, and the IAM or credential fix', () => {
  const rows: Array<[string, string | undefined, RegExp | undefined]> = [
    [
      'missing xray:PutTraceSegments',
      `${START}\n${DENIED}\n\tstatus code: 403, request id: abc`,
      /^AWS refuses what the X-Ray daemon sends: its credentials may not call xray:PutTraceSegments .* — allow xray:PutTraceSegments for the daemon's user or role \(the AWSXRayDaemonWriteAccess managed policy has it\)/,
    ],
    ['expired credentials', EXPIRED, /its credentials have expired \(ExpiredTokenException;.* — get fresh credentials/],
    ['an unknown key', UNKNOWN_KEY, /it does not accept the daemon's credentials \(UnrecognizedClientException;/],
    ['no credentials at all', NO_CREDENTIALS, /^the X-Ray daemon has no AWS credentials/],
    ['the latest error wins', `${DENIED}\n${EXPIRED}`, /expired/],
    ['a healthy log', START, undefined],
    ['no log (no Docker)', undefined, undefined],
  ];
  for (const [name, log, expected] of rows) {
    const cause = daemonLogCause(log);
    if (expected === undefined) assert.equal(cause, undefined, name);
    else assert.match(`${cause?.problem} — ${cause?.fix}`, expected, name);
  }
});
