/**
 * The X-Ray daemon's TCP sampling proxy (`POST /GetSamplingRules`, `POST /SamplingTargets`), answering
 * in the X-Ray API's shapes so the SDK's centralized sampler is satisfied. The inspector serves one
 * rule that samples every request (local mode has no cost per trace); a test fake serves the rules
 * its test gives. Targets follow X-Ray: one per reported rule it knows, the rest unprocessed.
 */
import { jsonAnswer, type Answer } from './answer.js';

/** A sampling rule as X-Ray's API spells it (`aws/json/x-ray.json`'s `SamplingRule`). */
export interface SamplingRule {
  RuleName: string;
  FixedRate: number;
  ReservoirSize: number;
  [field: string]: unknown;
}

export const LOCAL_RULE: SamplingRule = Object.freeze({
  RuleName: 'Default',
  RuleARN: 'arn:aws:xray:local:000000000000:sampling-rule/Default',
  ResourceARN: '*',
  Priority: 10000,
  FixedRate: 1,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  Version: 1,
  Attributes: {},
});

/** Seconds between the SDK's target polls, as X-Ray assigns by default. */
const TARGET_INTERVAL_S = 10;

export interface SamplingRuleRecord {
  SamplingRule: Record<string, unknown>;
  CreatedAt: number;
  ModifiedAt: number;
}

/** One rule as X-Ray's API lists it: with its `Attributes` (`{}` when none; the SDK drops a rule without them) and times. */
export function samplingRuleRecord(
  rule: Readonly<Record<string, unknown>>,
  createdAtS: number,
  modifiedAtS = createdAtS,
): SamplingRuleRecord {
  return { SamplingRule: { Attributes: {}, ...rule }, CreatedAt: createdAtS, ModifiedAt: modifiedAtS };
}

/** `GetSamplingRules`' answer. */
export function samplingRuleRecords(
  rules: ReadonlyArray<Readonly<Record<string, unknown>>>,
  modifiedAtS: number,
): { SamplingRuleRecords: SamplingRuleRecord[] } {
  return { SamplingRuleRecords: rules.map((rule) => samplingRuleRecord(rule, modifiedAtS)) };
}

interface StatisticsDocument {
  RuleName?: unknown;
}

/** `SamplingTargets`' answer to the SDK's statistics, or undefined when the request has none (a 400). */
export function samplingTargets(
  request: unknown,
  rules: readonly SamplingRule[],
  modifiedAtS: number,
  nowS: number,
): unknown {
  const documents = (request as { SamplingStatisticsDocuments?: StatisticsDocument[] } | null)
    ?.SamplingStatisticsDocuments;
  if (!Array.isArray(documents)) return undefined;
  const names = [
    ...new Set(documents.map((doc) => doc.RuleName).filter((name): name is string => typeof name === 'string')),
  ];
  const known = new Map(rules.map((rule) => [rule.RuleName, rule]));
  return {
    LastRuleModification: modifiedAtS,
    SamplingTargetDocuments: names.flatMap((name) => {
      const rule = known.get(name);
      return rule
        ? [
            {
              RuleName: name,
              FixedRate: rule.FixedRate,
              ReservoirQuota: rule.ReservoirSize,
              ReservoirQuotaTTL: nowS + TARGET_INTERVAL_S,
              Interval: TARGET_INTERVAL_S,
            },
          ]
        : [];
    }),
    UnprocessedStatistics: names
      .filter((name) => !known.has(name))
      .map((name) => ({ RuleName: name, ErrorCode: '400', Message: `no sampling rule named ${name}` })),
  };
}

export interface SamplingRequest {
  method: string;
  /** The URL's path, e.g. `/GetSamplingRules`. */
  path: string;
  body: Buffer;
}

/** One request of the sampling port; `modifiedAtS` stands for the rules' modification time. Errors use AWS's `{ Message }`. */
export function answerSampling(
  request: SamplingRequest,
  rules: readonly SamplingRule[],
  modifiedAtS: number,
  nowS = Math.floor(Date.now() / 1000),
): Answer {
  const { method, path } = request;
  if (path !== '/GetSamplingRules' && path !== '/SamplingTargets')
    return jsonAnswer(404, {
      Message: `no ${path} here (the sampling port serves /GetSamplingRules and /SamplingTargets)`,
    });
  if (method !== 'POST') return jsonAnswer(405, { Message: `${path} takes POST` }, { allow: 'POST' });
  let body: unknown;
  try {
    body = request.body.byteLength === 0 ? {} : JSON.parse(request.body.toString('utf8'));
  } catch (err) {
    return jsonAnswer(400, { Message: `body is not JSON: ${(err as Error).message}` });
  }
  if (path === '/GetSamplingRules') return jsonAnswer(200, samplingRuleRecords(rules, modifiedAtS));
  const targets = samplingTargets(body, rules, modifiedAtS, nowS);
  return targets === undefined
    ? jsonAnswer(400, { Message: 'SamplingStatisticsDocuments is required' })
    : jsonAnswer(200, targets);
}
