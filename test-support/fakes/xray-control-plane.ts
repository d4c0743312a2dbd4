/**
 * Stands in for the AWS X-Ray control plane (groups, sampling rules, and the segment destination of
 * Transaction Search: `GetTraceSegmentDestination` / `UpdateTraceSegmentDestination`), which moto_server lacks.
 * It speaks X-Ray's REST-JSON protocol as the AWS SDK sends it (`POST /CreateGroup`, `POST /Groups`,
 * `POST /GetSamplingRules`, …) and answers with AWS's error shapes (`x-amzn-ErrorType` header and a
 * `Message` body): `InvalidRequestException` for "already exists", unknown groups and bad fields;
 * `UnrecognizedClientException`, `ExpiredTokenException`, `AccessDeniedException` and the
 * region-scope `InvalidSignatureException` for credentials. Rule records are written by the
 * inspector's sampling receiver (`samplingRuleRecord`), as the daemon's proxy lists them. The trace APIs live in moto.
 */
import type { ServerResponse } from 'node:http';
import { samplingRuleRecord, type SamplingRuleRecord } from '@cruddur/inspector/receivers';
import { sendJson, startHttpServer, type RunningServer } from './http-server.js';

/** How the fake treats an access key id. */
export type FakeKeyBehaviour = 'valid' | 'expired' | 'denied';

export interface FakeXrayOptions {
  /** The region the fake serves; requests signed for another are refused as AWS does. */
  region?: string;
  /** Known keys and their behaviour; when given, other keys are unknown. Default: any key is valid. */
  keys?: Record<string, FakeKeyBehaviour>;
}

interface Group {
  GroupName: string;
  GroupARN: string;
  FilterExpression?: string;
  InsightsConfiguration: { InsightsEnabled: boolean; NotificationsEnabled: boolean };
}

/** Rule records in X-Ray's shape, as the inspector's sampling answers write them. */
type RuleRecord = SamplingRuleRecord;

/** Where X-Ray sends segments: `XRay` (Transaction Search off) or `CloudWatchLogs` (on). */
export interface SegmentDestination {
  Destination: 'XRay' | 'CloudWatchLogs';
  Status: 'PENDING' | 'ACTIVE';
}

export interface FakeXrayControlPlane extends RunningServer {
  region: string;
  /** Off (`XRay`, `ACTIVE`) at start; an update turns it `PENDING`, as AWS does, until a test makes it `ACTIVE`. */
  segmentDestination: SegmentDestination;
  /** The operations received, in order (e.g. `GetGroups`, `CreateGroup`). */
  calls: string[];
  groups: Map<string, Group>;
  rules: Map<string, RuleRecord>;
}

const ACCOUNT = '123456789012';

/** The request paths of the SDK's X-Ray operations (from the service model). */
const OPERATIONS: Record<string, string> = {
  '/CreateGroup': 'CreateGroup',
  '/GetGroup': 'GetGroup',
  '/Groups': 'GetGroups',
  '/UpdateGroup': 'UpdateGroup',
  '/CreateSamplingRule': 'CreateSamplingRule',
  '/GetSamplingRules': 'GetSamplingRules',
  '/UpdateSamplingRule': 'UpdateSamplingRule',
  '/GetTraceSegmentDestination': 'GetTraceSegmentDestination',
  '/UpdateTraceSegmentDestination': 'UpdateTraceSegmentDestination',
};

const RULE_FIELDS = [
  'RuleName',
  'ResourceARN',
  'Priority',
  'FixedRate',
  'ReservoirSize',
  'ServiceName',
  'ServiceType',
  'Host',
  'HTTPMethod',
  'URLPath',
  'Version',
];
const UPDATABLE_RULE_FIELDS = [
  'ResourceARN',
  'Priority',
  'FixedRate',
  'ReservoirSize',
  'ServiceName',
  'ServiceType',
  'Host',
  'HTTPMethod',
  'URLPath',
  'Attributes',
];

class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function sendAwsError(res: ServerResponse, error: AwsError): void {
  sendJson(
    res,
    error.status,
    { Message: error.message },
    { 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': 'fake-request-id' },
  );
}

const now = () => Math.floor(Date.now() / 1000);

function defaultRule(region: string): RuleRecord {
  const rule = {
    RuleName: 'Default',
    RuleARN: `arn:aws:xray:${region}:${ACCOUNT}:sampling-rule/Default`,
    ResourceARN: '*',
    Priority: 10000,
    FixedRate: 0.05,
    ReservoirSize: 1,
    ServiceName: '*',
    ServiceType: '*',
    Host: '*',
    HTTPMethod: '*',
    URLPath: '*',
    Version: 1,
  };
  return samplingRuleRecord(rule, 0);
}

function authorize(
  authorization: string | undefined,
  region: string,
  keys: FakeXrayOptions['keys'],
  operation: string,
): void {
  const credential = /Credential=([^/]+)\/\d{8}\/([^/]+)\/xray\/aws4_request/.exec(authorization ?? '');
  if (!credential) throw new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, keyId = '', signedRegion] = credential;
  if (signedRegion !== region)
    throw new AwsError(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${signedRegion}'.`,
    );
  const behaviour = keys === undefined ? 'valid' : keys[keyId];
  if (behaviour === undefined)
    throw new AwsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (behaviour === 'expired')
    throw new AwsError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
  if (behaviour === 'denied') {
    throw new AwsError(
      403,
      'AccessDeniedException',
      `User: arn:aws:iam::${ACCOUNT}:user/fake is not authorized to perform: xray:${operation}`,
    );
  }
}

function requireRuleFields(rule: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    if (rule[field] === undefined)
      throw new AwsError(
        400,
        'InvalidRequestException',
        `1 validation error detected: Value null at 'samplingRule.${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
      );
  }
  const priority = rule.Priority;
  if (typeof priority === 'number' && (priority < 1 || priority > 9999))
    throw new AwsError(400, 'InvalidRequestException', 'Priority must be between 1 and 9999');
  const rate = rule.FixedRate;
  if (typeof rate === 'number' && (rate < 0 || rate > 1))
    throw new AwsError(400, 'InvalidRequestException', 'FixedRate must be between 0 and 1');
}

export async function startFakeXrayControlPlane(options: FakeXrayOptions = {}): Promise<FakeXrayControlPlane> {
  const region = options.region ?? 'us-east-1';
  const calls: string[] = [];
  const groups = new Map<string, Group>();
  const rules = new Map<string, RuleRecord>([['Default', defaultRule(region)]]);
  const plane = { segmentDestination: { Destination: 'XRay', Status: 'ACTIVE' } as SegmentDestination };

  const findGroup = (input: Record<string, unknown>): Group => {
    const group = [...groups.values()].find((g) => g.GroupName === input.GroupName || g.GroupARN === input.GroupARN);
    if (!group) throw new AwsError(400, 'InvalidRequestException', 'Group not found');
    return group;
  };

  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    CreateGroup: (input) => {
      const name = String(input.GroupName ?? '');
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(name)) throw new AwsError(400, 'InvalidRequestException', 'Invalid group name');
      if (name === 'Default' || groups.has(name))
        throw new AwsError(400, 'InvalidRequestException', 'Group already exists');
      const group: Group = {
        GroupName: name,
        GroupARN: `arn:aws:xray:${region}:${ACCOUNT}:group/${name}/${groups.size + 1}`,
        ...(input.FilterExpression !== undefined && { FilterExpression: String(input.FilterExpression) }),
        InsightsConfiguration: {
          InsightsEnabled: false,
          NotificationsEnabled: false,
          ...(input.InsightsConfiguration as object | undefined),
        },
      };
      groups.set(name, group);
      return { Group: group };
    },
    GetGroup: (input) => ({ Group: findGroup(input) }),
    GetGroups: () => ({ Groups: [...groups.values()] }),
    UpdateGroup: (input) => {
      const group = findGroup(input);
      if (input.FilterExpression !== undefined) group.FilterExpression = String(input.FilterExpression);
      if (input.InsightsConfiguration !== undefined)
        Object.assign(group.InsightsConfiguration, input.InsightsConfiguration);
      return { Group: group };
    },
    CreateSamplingRule: (input) => {
      const rule = (input.SamplingRule ?? {}) as Record<string, unknown>;
      requireRuleFields(rule, RULE_FIELDS);
      const name = String(rule.RuleName);
      if (rules.has(name)) throw new AwsError(400, 'InvalidRequestException', 'Sampling rule already exists');
      const record: RuleRecord = samplingRuleRecord(
        { ...rule, RuleARN: `arn:aws:xray:${region}:${ACCOUNT}:sampling-rule/${name}` },
        now(),
      );
      rules.set(name, record);
      return { SamplingRuleRecord: record };
    },
    GetSamplingRules: () => ({ SamplingRuleRecords: [...rules.values()] }),
    UpdateSamplingRule: (input) => {
      const update = (input.SamplingRuleUpdate ?? {}) as Record<string, unknown>;
      const record = [...rules.values()].find(
        (r) => r.SamplingRule.RuleName === update.RuleName || r.SamplingRule.RuleARN === update.RuleARN,
      );
      if (!record) throw new AwsError(400, 'InvalidRequestException', 'Sampling rule does not exist');
      if (record.SamplingRule.RuleName === 'Default' && update.Priority !== undefined)
        throw new AwsError(400, 'InvalidRequestException', 'Invalid update request for default sampling rule');
      const patch = Object.fromEntries(
        UPDATABLE_RULE_FIELDS.filter((f) => update[f] !== undefined).map((f) => [f, update[f]]),
      );
      const merged = { ...record.SamplingRule, ...patch };
      requireRuleFields(merged, RULE_FIELDS);
      record.SamplingRule = merged;
      record.ModifiedAt = now();
      return { SamplingRuleRecord: record };
    },
    GetTraceSegmentDestination: () => plane.segmentDestination,
    UpdateTraceSegmentDestination: (input) => {
      const destination = input.Destination;
      if (destination !== 'XRay' && destination !== 'CloudWatchLogs')
        throw new AwsError(400, 'InvalidRequestException', `Invalid destination: ${String(destination)}`);
      if (destination !== plane.segmentDestination.Destination)
        plane.segmentDestination = { Destination: destination, Status: 'PENDING' };
      return plane.segmentDestination;
    },
  };

  const server = await startHttpServer((req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const operation = OPERATIONS[path];
    // moto's answer for what it lacks is an HTML 404; an unknown path here answers the same way.
    if (req.method !== 'POST' || operation === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    calls.push(operation);
    try {
      authorize(req.headers.authorization, region, options.keys, operation);
      const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      sendJson(res, 200, handlers[operation]!(input), { 'x-amzn-RequestId': 'fake-request-id' });
    } catch (err) {
      if (err instanceof AwsError) sendAwsError(res, err);
      else sendAwsError(res, new AwsError(400, 'SerializationException', String(err)));
    }
  });
  return Object.assign(plane, { ...server, region, calls, groups, rules });
}
