/**
 * Stands in for CloudWatch Logs' resource policies (`DescribeResourcePolicies`, `PutResourcePolicy`),
 * which Transaction Search needs and moto_server is not asked for here. It speaks the AWS JSON 1.1
 * protocol as the SDK sends it (`POST /` with `X-Amz-Target: Logs_20140328.<Operation>`), checks the
 * SigV4 credential scope (service `logs`, the region), and answers AWS's error shape (`__type`, `message`).
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpServer, type RunningServer } from './http-server.js';

export interface ResourcePolicyRecord {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
}

export interface FakeCloudWatchLogs extends RunningServer {
  /** The operations received, in order. */
  calls: string[];
  policies: Map<string, ResourcePolicyRecord>;
}

const TARGET_PREFIX = 'Logs_20140328.';
const AMZ_JSON = { 'content-type': 'application/x-amz-json-1.1' };

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { __type: type, message }, AMZ_JSON);
}

export async function startFakeCloudWatchLogs(options: { region?: string } = {}): Promise<FakeCloudWatchLogs> {
  const region = options.region ?? 'us-east-1';
  const calls: string[] = [];
  const policies = new Map<string, ResourcePolicyRecord>();
  const server = await startHttpServer((req, body, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    calls.push(operation || target);
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/logs\/aws4_request/.exec(req.headers.authorization ?? '');
    if (!scope) return sendError(res, 400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (scope[1] !== region)
      return sendError(
        res,
        400,
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${scope[1]}'.`,
      );
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    if (operation === 'DescribeResourcePolicies')
      return sendJson(res, 200, { resourcePolicies: [...policies.values()] }, AMZ_JSON);
    if (operation === 'PutResourcePolicy') {
      const policyName = String(input.policyName ?? '');
      const policyDocument = String(input.policyDocument ?? '');
      try {
        JSON.parse(policyDocument);
      } catch {
        return sendError(res, 400, 'InvalidParameterException', 'Policy document is not valid JSON');
      }
      const record = { policyName, policyDocument, lastUpdatedTime: Date.now() };
      policies.set(policyName, record);
      return sendJson(res, 200, { resourcePolicy: record }, AMZ_JSON);
    }
    sendError(res, 400, 'UnknownOperationException', `unknown operation ${target}`);
  });
  return { ...server, calls, policies };
}
