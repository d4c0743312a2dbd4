/**
 * Why AWS refuses what the X-Ray daemon sends, read from the daemon container's log (`docker compose
 * logs xray-daemon`): the daemon takes every UDP datagram, so its log is the only place an AWS error
 * shows. The latest recognised error wins; it names the IAM action or the credential problem.
 */
import { XRAY_PERMISSIONS } from '../aws/xray-permissions.js';
import { ToolkitError } from '../errors.js';
import { RESTART_FIX } from './fixes.js';

const FROM_LOG = 'docker compose logs xray-daemon';

interface Rule {
  pattern: RegExp;
  error(match: RegExpExecArray, line: string): ToolkitError;
}

const RULES: readonly Rule[] = [
  {
    pattern: /not authorized to perform:? (xray:\w+)/,
    error: ([, action], line) =>
      new ToolkitError(
        `AWS refuses what the X-Ray daemon sends: its credentials may not call ${action} (${FROM_LOG}: ${line})`,
        `allow ${action} for the daemon's user or role (the ${XRAY_PERMISSIONS.sdk.managedPolicy} managed policy has it), then restart the stack (npm run down && npm run setup)`,
      ),
  },
  {
    pattern: /(ExpiredTokenException|ExpiredToken|RequestExpired)/,
    error: ([, code], line) =>
      new ToolkitError(
        `AWS refuses what the X-Ray daemon sends: its credentials have expired (${code}; ${FROM_LOG}: ${line})`,
        `get fresh credentials, then ${RESTART_FIX}`,
      ),
  },
  {
    pattern: /(UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch)/,
    error: ([, code], line) =>
      new ToolkitError(
        `AWS refuses what the X-Ray daemon sends: it does not accept the daemon's credentials (${code}; ${FROM_LOG}: ${line})`,
        `check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY belong together and match AWS_REGION, then ${RESTART_FIX}`,
      ),
  },
  {
    pattern: /(NoCredentialProviders|no valid providers in chain)/,
    error: (_match, line) =>
      new ToolkitError(
        `the X-Ray daemon has no AWS credentials, so it sends nothing (${FROM_LOG}: ${line})`,
        `the daemon reads credentials from env only: ${RESTART_FIX} (npm run up resolves profiles and SSO into them)`,
      ),
  },
];

const MAX_LINE = 200;

/** The cause the daemon's log names, or undefined when it shows no AWS error. */
export function daemonLogCause(log: string | undefined): ToolkitError | undefined {
  const lines = (log ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .reverse();
  for (const line of lines) {
    for (const rule of RULES) {
      const match = rule.pattern.exec(line);
      if (match) return rule.error(match, line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    }
  }
  return undefined;
}
