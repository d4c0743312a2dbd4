/**
 * X-Ray's sampling rules without the X-Ray SDK (`CRUDDUR_XRAY_PIPELINE=otel`), as an OpenTelemetry root
 * sampler: the centralized rules from X-Ray's sampling API (`POST /GetSamplingRules`, SigV4-signed,
 * polled every 5 minutes), else — before the first answer, when the API cannot be reached, or when the
 * last rules are more than an hour old — the local rules file `xray-sampling-rules.json`.
 *
 * `@opentelemetry/sampler-aws-xray` was considered: it polls rules and targets over plain HTTP from a
 * proxy (a collector's `awsproxy` or the daemon, `localhost:2000`), which this pipeline does not have,
 * and falls back to 1 request a second + 5% instead of the local rules; so the matching is done here,
 * the X-Ray SDK's way. No sampling statistics are reported (`SamplingTargets`), so, as the SDK does
 * before X-Ray assigns it a quota, a centralized rule's reservoir is 1 request a second ("borrowed"
 * when its `ReservoirSize` is above 0), and its `FixedRate` applies beyond it.
 */
import type { Attributes, Context, SpanKind as SpanKindType } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';
import { decide } from './sampling.js';
import { xraySampleRequestOf } from './xray-rules-sampler.js';
import localSamplingRules from './xray-sampling-rules.json' with { type: 'json' };

const POLL_MS = 5 * 60_000;
const RULES_TTL_MS = 60 * 60_000;

export interface Rule {
  name: string;
  priority: number;
  /** Sampled per second before `rate` applies. */
  fixedTarget: number;
  rate: number;
  serviceName: string;
  serviceType: string;
  host: string;
  httpMethod: string;
  urlPath: string;
}

/** What one request offers the rules. */
export interface SampleRequest {
  host: string | undefined;
  httpMethod: string;
  urlPath: string;
  serviceName: string;
}

/** X-Ray's wildcards, compiled once: `*` any run of characters, `?` one; case-insensitive. */
export function wildcard(pattern: string): (text: string | undefined) => boolean {
  if (pattern === '*') return () => true;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`, 'i');
  return (text) => text !== undefined && regex.test(text);
}

export function wildcardMatch(pattern: string, text: string | undefined): boolean {
  return wildcard(pattern)(text);
}

interface LocalRulesFile {
  rules?: Array<{
    description?: string;
    host?: string;
    http_method?: string;
    url_path?: string;
    service_name?: string;
    fixed_target: number;
    rate: number;
  }>;
  default: { fixed_target: number; rate: number };
}

/** The local rules file (version 2), in priority order, the default last. */
export function localRules(file: LocalRulesFile = localSamplingRules as LocalRulesFile): Rule[] {
  const rules = (file.rules ?? []).map((rule, index): Rule => ({
    name: rule.description ?? `local rule ${index + 1}`,
    priority: index,
    fixedTarget: rule.fixed_target,
    rate: rule.rate,
    serviceName: rule.service_name ?? '*',
    serviceType: '*',
    host: rule.host ?? '*',
    httpMethod: rule.http_method ?? '*',
    urlPath: rule.url_path ?? '*',
  }));
  return [
    ...rules,
    {
      name: 'Default',
      priority: Number.MAX_SAFE_INTEGER,
      fixedTarget: file.default.fixed_target,
      rate: file.default.rate,
      serviceName: '*',
      serviceType: '*',
      host: '*',
      httpMethod: '*',
      urlPath: '*',
    },
  ];
}

/** A `GetSamplingRules` record's rule; `undefined` for one this backend can never match. */
export function centralizedRule(raw: Record<string, unknown>): Rule | undefined {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '*');
  const attributes = raw['Attributes'];
  // Rules on attributes or a specific resource or service type are not for a plain web service.
  if (attributes && typeof attributes === 'object' && Object.keys(attributes).length > 0) return undefined;
  if (text('ResourceARN') !== '*' || text('ServiceType') !== '*') return undefined;
  if (raw['Version'] !== undefined && raw['Version'] !== 1) return undefined;
  const reservoir = Number(raw['ReservoirSize'] ?? 0);
  return {
    name: typeof raw['RuleName'] === 'string' ? raw['RuleName'] : 'unnamed',
    priority: Number(raw['Priority'] ?? 10_000),
    fixedTarget: reservoir > 0 ? 1 : 0,
    rate: Number(raw['FixedRate'] ?? 0),
    serviceName: text('ServiceName'),
    serviceType: '*',
    host: text('Host'),
    httpMethod: text('HTTPMethod'),
    urlPath: text('URLPath'),
  };
}

function byPriority(a: Rule, b: Rule): number {
  return a.priority - b.priority || a.name.localeCompare(b.name);
}

/** Rules matched in priority order; each rule's reservoir counts requests per second. */
export class RuleSet {
  readonly #rules: Array<{ rule: Rule; matches: (request: SampleRequest) => boolean }>;
  readonly #used = new Map<Rule, { second: number; count: number }>();

  constructor(
    rules: Rule[],
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.#rules = [...rules].sort(byPriority).map((rule) => {
      const [service, host, method, path] = [rule.serviceName, rule.host, rule.httpMethod, rule.urlPath].map(
        wildcard,
      ) as [
        ReturnType<typeof wildcard>,
        ReturnType<typeof wildcard>,
        ReturnType<typeof wildcard>,
        ReturnType<typeof wildcard>,
      ];
      return {
        rule,
        matches: (r: SampleRequest) =>
          service(r.serviceName) && host(r.host) && method(r.httpMethod) && path(r.urlPath),
      };
    });
  }

  get size(): number {
    return this.#rules.length;
  }

  match(request: SampleRequest): Rule | undefined {
    return this.#rules.find(({ matches }) => matches(request))?.rule;
  }

  shouldSample(request: SampleRequest): boolean {
    const rule = this.match(request);
    if (!rule) return false;
    if (rule.fixedTarget > 0) {
      const second = Math.floor(this.now() / 1000);
      let used = this.#used.get(rule);
      if (!used || used.second !== second) this.#used.set(rule, (used = { second, count: 0 }));
      if (used.count < rule.fixedTarget) {
        used.count += 1;
        return true;
      }
    }
    return rule.rate > 0 && this.random() < rule.rate;
  }
}

export type RulesFetch = () => Promise<Array<Record<string, unknown>>>;

/** `POST {apiUrl}/GetSamplingRules` (every page), signed by `sign`; rejects with a short reason. */
export function samplingRulesFetch(
  apiUrl: string,
  sign: (request: {
    method: string;
    url: URL;
    headers: Record<string, string>;
    body: string;
  }) => Promise<Record<string, string>>,
): RulesFetch {
  return async () => {
    const records: Array<Record<string, unknown>> = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const url = new URL(`${apiUrl}/GetSamplingRules`);
      const body = JSON.stringify(nextToken ? { NextToken: nextToken } : {});
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      Object.assign(headers, await sign({ method: 'POST', url, headers, body }));
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      if (!res.ok)
        throw new Error(
          `HTTP ${res.status}${res.headers.get('x-amzn-errortype') ? ` ${res.headers.get('x-amzn-errortype')!.split(':')[0]}` : ''}`,
        );
      const answer = (await res.json()) as {
        SamplingRuleRecords?: Array<{ SamplingRule?: Record<string, unknown> }>;
        NextToken?: string;
      };
      for (const record of answer.SamplingRuleRecords ?? []) if (record.SamplingRule) records.push(record.SamplingRule);
      nextToken = answer.NextToken;
      if (!nextToken) break;
    }
    return records;
  };
}

export interface XrayApiSampler extends Sampler {
  /** Where the rules come from now, for the start-up line and the delivery record. */
  source(): string;
  /** Resolves after the next poll (tests). */
  refresh(): Promise<void>;
  stop(): void;
}

/** The root sampler of the otel pipeline; polls at once, then every 5 minutes (timers unref'd). */
export function createXrayApiSampler(options: {
  serviceName: string;
  fetchRules: RulesFetch;
  onChange?: (source: string) => void;
  now?: () => number;
}): XrayApiSampler {
  const now = options.now ?? Date.now;
  const local = new RuleSet(localRules(), now);
  let central: { rules: RuleSet; at: number } | undefined;
  let lastError: string | undefined;
  const source = (): string =>
    central && now() - central.at < RULES_TTL_MS
      ? `X-Ray's centralized rules (${central.rules.size})`
      : `the local rules (xray-sampling-rules.json)${lastError ? `; X-Ray's sampling API: ${lastError}` : ''}`;

  const poll = async (): Promise<void> => {
    const before = source();
    try {
      const rules = (await options.fetchRules())
        .map(centralizedRule)
        .filter((rule): rule is Rule => rule !== undefined);
      if (rules.length > 0) central = { rules: new RuleSet(rules, now), at: now() };
      lastError = rules.length > 0 ? undefined : 'no rule this service can match';
    } catch (error) {
      lastError = (error instanceof Error ? error.message : String(error)).slice(0, 120);
    }
    const after = source();
    if (after !== before) options.onChange?.(after);
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => void poll().finally(schedule), POLL_MS + Math.random() * 5_000).unref();
  };
  void poll().finally(schedule);

  return {
    shouldSample(
      _context: Context,
      _traceId: string,
      _name: string,
      kind: SpanKindType,
      attributes: Attributes,
    ): SamplingResult {
      const request = xraySampleRequestOf(kind, attributes);
      if (request === undefined) return decide(true);
      const rules = central && now() - central.at < RULES_TTL_MS ? central.rules : local;
      return decide(rules.shouldSample({ ...request, serviceName: options.serviceName }));
    },
    toString: () => 'XrayApiRulesSampler',
    source,
    refresh: poll,
    stop: () => clearTimeout(timer),
  };
}
