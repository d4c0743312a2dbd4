/**
 * Transaction Search, which X-Ray's OTLP endpoint (`CRUDDUR_XRAY_PIPELINE=otel`) requires: the segment
 * destination set to CloudWatch Logs and ACTIVE (`GetTraceSegmentDestination`), and a CloudWatch Logs
 * resource policy letting `xray.amazonaws.com` write the `aws/spans` log group. Read with `verify*`;
 * turned on only by `enableTransactionSearch`, which callers run when the user asked.
 */
import {
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  GetTraceSegmentDestinationCommand,
  UpdateTraceSegmentDestinationCommand,
  type XRayClient,
} from '@aws-sdk/client-xray';
import type { ToolkitConfig } from '../config/parse.js';
import { awsCallContext, callAws } from './errors.js';

export interface TransactionSearchState {
  /** `XRay` (off) or `CloudWatchLogs` (on). */
  destination: string;
  /** `PENDING` while turning on, then `ACTIVE`. */
  status: string;
  /** The resource policy that lets X-Ray write `aws/spans`, if any. */
  policyName: string | undefined;
}

/** The name this toolkit gives the resource policy it puts. */
export const SPANS_POLICY_NAME = 'CruddurTransactionSearchXRayAccess';

/** What turning it on changes, said before doing it. */
export const TRANSACTION_SEARCH_BILLING =
  "X-Ray's span ingestion for the whole account and region moves to CloudWatch Logs (log group aws/spans): spans are billed as CloudWatch Logs ingestion and storage, and 1% of them are indexed as trace summaries for free";

interface PolicyStatement {
  Effect?: string;
  Principal?: { Service?: string | string[] };
  Action?: string | string[];
  Resource?: string | string[];
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Whether a resource policy document allows `xray.amazonaws.com` to put log events into `aws/spans`. */
export function allowsXrayToWriteSpans(policyDocument: string | undefined): boolean {
  let document: { Statement?: PolicyStatement | PolicyStatement[] };
  try {
    document = JSON.parse(policyDocument ?? '{}') as typeof document;
  } catch {
    return false;
  }
  const statements = Array.isArray(document.Statement)
    ? document.Statement
    : document.Statement
      ? [document.Statement]
      : [];
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Principal?.Service).includes('xray.amazonaws.com') &&
      asList(statement.Action).some((action) => action === 'logs:PutLogEvents' || action === 'logs:*') &&
      asList(statement.Resource).some((resource) => resource.includes(':log-group:aws/spans') || resource === '*'),
  );
}

/** The policy AWS documents for Transaction Search, scoped to this account and region. */
export function spansPolicyDocument(region: string, account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TransactionSearchXRayAccess',
        Effect: 'Allow',
        Principal: { Service: 'xray.amazonaws.com' },
        Action: 'logs:PutLogEvents',
        Resource: [
          `arn:aws:logs:${region}:${account}:log-group:aws/spans:*`,
          `arn:aws:logs:${region}:${account}:log-group:/aws/application-signals/data:*`,
        ],
        Condition: {
          ArnLike: { 'aws:SourceArn': `arn:aws:xray:${region}:${account}:*` },
          StringEquals: { 'aws:SourceAccount': account },
        },
      },
    ],
  });
}

export function isTransactionSearchOn(state: TransactionSearchState): boolean {
  return state.destination === 'CloudWatchLogs' && state.status === 'ACTIVE' && state.policyName !== undefined;
}

/** What is missing, in words: `segment destination XRay`, `no resource policy…`. Empty when on. */
export function transactionSearchGaps(state: TransactionSearchState): string[] {
  const gaps: string[] = [];
  if (state.destination !== 'CloudWatchLogs') gaps.push(`segment destination ${state.destination}, not CloudWatchLogs`);
  else if (state.status !== 'ACTIVE') gaps.push(`segment destination CloudWatchLogs still ${state.status}`);
  if (state.policyName === undefined)
    gaps.push('no CloudWatch Logs resource policy lets xray.amazonaws.com write aws/spans');
  return gaps;
}

async function findSpansPolicy(logs: CloudWatchLogsClient, config: ToolkitConfig): Promise<string | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await callAws(awsCallContext(config, 'logs', 'DescribeResourcePolicies'), () =>
      logs.send(new DescribeResourcePoliciesCommand({ nextToken })),
    );
    const policy = (page.resourcePolicies ?? []).find((p) => allowsXrayToWriteSpans(p.policyDocument));
    if (policy) return policy.policyName ?? '(unnamed)';
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

export async function verifyTransactionSearch(
  xray: XRayClient,
  logs: CloudWatchLogsClient,
  config: ToolkitConfig,
): Promise<TransactionSearchState> {
  const [destination, policyName] = await Promise.all([
    callAws(awsCallContext(config, 'xray', 'GetTraceSegmentDestination'), () =>
      xray.send(new GetTraceSegmentDestinationCommand({})),
    ),
    findSpansPolicy(logs, config),
  ]);
  return { destination: destination.Destination ?? 'XRay', status: destination.Status ?? 'ACTIVE', policyName };
}

/** Puts the resource policy (when none allows X-Ray) and sets the segment destination to CloudWatch Logs. */
export async function enableTransactionSearch(
  xray: XRayClient,
  logs: CloudWatchLogsClient,
  config: ToolkitConfig,
  state: TransactionSearchState,
  account: string,
): Promise<TransactionSearchState> {
  let policyName = state.policyName;
  if (policyName === undefined) {
    const policyDocument = spansPolicyDocument(config.aws.region ?? '', account);
    await callAws(awsCallContext(config, 'logs', 'PutResourcePolicy'), () =>
      logs.send(new PutResourcePolicyCommand({ policyName: SPANS_POLICY_NAME, policyDocument })),
    );
    policyName = SPANS_POLICY_NAME;
  }
  if (state.destination === 'CloudWatchLogs') return { ...state, policyName };
  const answer = await callAws(awsCallContext(config, 'xray', 'UpdateTraceSegmentDestination'), () =>
    xray.send(new UpdateTraceSegmentDestinationCommand({ Destination: 'CloudWatchLogs' })),
  );
  return { destination: answer.Destination ?? 'CloudWatchLogs', status: answer.Status ?? 'PENDING', policyName };
}
