/**
 * The daemon's TCP sampling proxy (`POST /GetSamplingRules`, `POST /SamplingTargets`), answering in
 * the X-Ray API's shapes so the SDK's centralized sampler is satisfied instead of logging connection
 * errors. Local mode has no cost per trace, so the one rule (`Default`, as X-Ray always has) samples
 * every request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { sendJson } from '../http/respond.js';

export const LOCAL_RULE_NAME = 'Default';
/** Seconds between the SDK's target polls, as X-Ray assigns by default. */
const TARGET_INTERVAL_S = 10;

export function samplingRules(modifiedAtS: number): unknown {
  return {
    SamplingRuleRecords: [
      {
        CreatedAt: modifiedAtS,
        ModifiedAt: modifiedAtS,
        SamplingRule: {
          RuleName: LOCAL_RULE_NAME,
          RuleARN: `arn:aws:xray:local:000000000000:sampling-rule/${LOCAL_RULE_NAME}`,
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
        },
      },
    ],
  };
}

interface StatisticsDocument {
  RuleName?: unknown;
}

export function samplingTargets(request: unknown, modifiedAtS: number, nowS: number): unknown {
  const documents = (request as { SamplingStatisticsDocuments?: StatisticsDocument[] } | null)?.SamplingStatisticsDocuments;
  if (!Array.isArray(documents)) throw new HttpError(400, 'SamplingStatisticsDocuments is required');
  const names = [...new Set(documents.map((doc) => doc.RuleName).filter((name): name is string => typeof name === 'string'))];
  return {
    LastRuleModification: modifiedAtS,
    SamplingTargetDocuments: names
      .filter((name) => name === LOCAL_RULE_NAME)
      .map((name) => ({ RuleName: name, FixedRate: 1, ReservoirQuota: 1, ReservoirQuotaTTL: nowS + TARGET_INTERVAL_S, Interval: TARGET_INTERVAL_S })),
    UnprocessedStatistics: names
      .filter((name) => name !== LOCAL_RULE_NAME)
      .map((name) => ({ RuleName: name, ErrorCode: '400', Message: `the local inspector has no rule named ${name}` })),
  };
}

/** Routes one request of the sampling port; `startedAtS` stands for the rules' modification time. */
export async function handleSampling(req: IncomingMessage, res: ServerResponse, startedAtS: number, now = Date.now): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://inspector').pathname;
  if (path !== '/GetSamplingRules' && path !== '/SamplingTargets') throw new HttpError(404, `no ${path} here (the sampling port serves /GetSamplingRules and /SamplingTargets)`);
  if (req.method !== 'POST') throw new HttpError(405, `${path} takes POST`);
  const body = await readJson(req);
  sendJson(res, 200, path === '/GetSamplingRules' ? samplingRules(startedAtS) : samplingTargets(body, startedAtS, Math.floor(now() / 1000)));
}
