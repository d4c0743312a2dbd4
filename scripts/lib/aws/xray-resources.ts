/**
 * The X-Ray group and sampling rule, made to match `aws/json/`: created when missing, updated when
 * they drifted (edited in the console), left alone and reported "unchanged" otherwise.
 */
import {
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  paginateGetGroups,
  paginateGetSamplingRules,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
  type Group,
  type GroupSummary,
  type SamplingRule,
  type XRayClient,
} from '@aws-sdk/client-xray';
import type { ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import { awsCallContext, callAws, describeAwsError } from './errors.js';
import type { GroupSpec, SamplingRuleSpec } from './xray-files.js';

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

export interface EnsureResult {
  /** `group Cruddur`, `sampling rule Cruddur`. */
  resource: string;
  outcome: EnsureOutcome;
  /** The fields that differed, for `updated`. */
  drifted: string[];
}

const RULE_UPDATABLE = [
  'ResourceARN',
  'Priority',
  'FixedRate',
  'ReservoirSize',
  'ServiceName',
  'ServiceType',
  'Host',
  'HTTPMethod',
  'URLPath',
] as const;

/** Fields whose value in AWS differs from the file. Missing Attributes mean none. */
export function samplingRuleDrift(desired: SamplingRuleSpec, actual: SamplingRule): string[] {
  const drifted: string[] = RULE_UPDATABLE.filter((field) => desired[field] !== actual[field]);
  const sorted = (attributes: Record<string, string> | undefined) =>
    JSON.stringify(Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  if (sorted(desired.Attributes) !== sorted(actual.Attributes)) drifted.push('Attributes');
  return drifted;
}

export function groupDrift(desired: GroupSpec, actual: Group): string[] {
  const drifted: string[] = [];
  if (desired.FilterExpression !== actual.FilterExpression) drifted.push('FilterExpression');
  const insights = desired.InsightsConfiguration ?? {};
  for (const key of ['InsightsEnabled', 'NotificationsEnabled'] as const) {
    if (insights[key] !== undefined && insights[key] !== (actual.InsightsConfiguration?.[key] ?? false))
      drifted.push(`InsightsConfiguration.${key}`);
  }
  return drifted;
}

/** X-Ray says "already exists" as an InvalidRequestException: another run created it meanwhile. */
function isAlreadyExists(err: unknown): boolean {
  return err instanceof Error && err.name === 'InvalidRequestException' && /already exists/i.test(err.message);
}

async function findGroup(xray: XRayClient, name: string, config: ToolkitConfig): Promise<GroupSummary | undefined> {
  return callAws(awsCallContext(config, 'xray', 'GetGroups'), async () => {
    for await (const page of paginateGetGroups({ client: xray }, {})) {
      const group = page.Groups?.find((g) => g.GroupName === name);
      if (group) return group;
    }
    return undefined;
  });
}

async function findRule(xray: XRayClient, name: string, config: ToolkitConfig): Promise<SamplingRule | undefined> {
  return callAws(awsCallContext(config, 'xray', 'GetSamplingRules'), async () => {
    for await (const page of paginateGetSamplingRules({ client: xray }, {})) {
      const record = page.SamplingRuleRecords?.find((r) => r.SamplingRule?.RuleName === name);
      if (record?.SamplingRule) return record.SamplingRule;
    }
    return undefined;
  });
}

/** Creates `op`'s resource; "already exists" (a concurrent run) counts as found rather than failing. */
async function create(config: ToolkitConfig, operation: string, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw describeAwsError(err, awsCallContext(config, 'xray', operation));
  }
}

export async function ensureXrayGroup(xray: XRayClient, spec: GroupSpec, config: ToolkitConfig): Promise<EnsureResult> {
  const resource = `group ${spec.GroupName}`;
  let actual = await findGroup(xray, spec.GroupName, config);
  if (actual === undefined) {
    const input = {
      GroupName: spec.GroupName,
      FilterExpression: spec.FilterExpression,
      InsightsConfiguration: spec.InsightsConfiguration,
    };
    if (await create(config, 'CreateGroup', () => xray.send(new CreateGroupCommand(input))))
      return { resource, outcome: 'created', drifted: [] };
    actual = await findGroup(xray, spec.GroupName, config);
    if (actual === undefined)
      throw new ToolkitError(
        `X-Ray says ${resource} exists but does not list it`,
        'rerun in a minute (X-Ray is eventually consistent)',
      );
  }
  const drifted = groupDrift(spec, actual);
  if (drifted.length === 0) return { resource, outcome: 'unchanged', drifted };
  await callAws(awsCallContext(config, 'xray', 'UpdateGroup'), () =>
    xray.send(
      new UpdateGroupCommand({
        GroupName: spec.GroupName,
        FilterExpression: spec.FilterExpression,
        InsightsConfiguration: spec.InsightsConfiguration,
      }),
    ),
  );
  return { resource, outcome: 'updated', drifted };
}

export async function ensureSamplingRule(
  xray: XRayClient,
  spec: SamplingRuleSpec,
  config: ToolkitConfig,
): Promise<EnsureResult> {
  const resource = `sampling rule ${spec.RuleName}`;
  let actual = await findRule(xray, spec.RuleName, config);
  if (actual === undefined) {
    if (
      await create(config, 'CreateSamplingRule', () => xray.send(new CreateSamplingRuleCommand({ SamplingRule: spec })))
    ) {
      return { resource, outcome: 'created', drifted: [] };
    }
    actual = await findRule(xray, spec.RuleName, config);
    if (actual === undefined)
      throw new ToolkitError(
        `X-Ray says ${resource} exists but does not list it`,
        'rerun in a minute (X-Ray is eventually consistent)',
      );
  }
  const drifted = samplingRuleDrift(spec, actual);
  if (drifted.length === 0) return { resource, outcome: 'unchanged', drifted };
  const { RuleName, Attributes = {} } = spec;
  const update = Object.fromEntries(RULE_UPDATABLE.map((field) => [field, spec[field]]));
  await callAws(awsCallContext(config, 'xray', 'UpdateSamplingRule'), () =>
    xray.send(new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName, ...update, Attributes } })),
  );
  return { resource, outcome: 'updated', drifted };
}

/** `✔ sampling rule Cruddur: updated (FixedRate, ReservoirSize drifted)`. */
export function describeEnsureResult(result: EnsureResult): string {
  return result.outcome === 'updated'
    ? `${result.resource}: updated (${result.drifted.join(', ')} drifted)`
    : `${result.resource}: ${result.outcome}`;
}
