/**
 * The X-Ray resources as data: `aws/json/x-ray.json` (the `aws xray create-sampling-rule
 * --cli-input-json` shape) and `aws/json/xray-group.json` (the `create-group` shape). Both are
 * validated against X-Ray's limits before any call, so a typo is named with its file and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolkitError } from '../errors.js';

export interface SamplingRuleSpec {
  RuleName: string;
  ResourceARN: string;
  Priority: number;
  FixedRate: number;
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  Version: number;
  Attributes?: Record<string, string>;
}

export interface GroupSpec {
  GroupName: string;
  FilterExpression: string;
  InsightsConfiguration?: { InsightsEnabled?: boolean; NotificationsEnabled?: boolean };
}

export const SAMPLING_RULE_FILE = 'aws/json/x-ray.json';
export const GROUP_FILE = 'aws/json/xray-group.json';

interface Field {
  required: boolean;
  /** What is allowed, in words, for the error message. */
  allowed: string;
  valid(value: unknown): boolean;
}

const text = (max: number, required = true): Field => ({
  required,
  allowed: `a string of 1 to ${max} characters`,
  valid: (v) => typeof v === 'string' && v.length >= 1 && v.length <= max,
});
const integer = (min: number, max: number, allowed: string): Field => ({
  required: true,
  allowed,
  valid: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
});
const stringMap: Field = {
  required: false,
  allowed: 'an object of string values (keys and values 1 to 32 characters)',
  valid: (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(v).every(
      ([k, x]) => k.length >= 1 && k.length <= 32 && typeof x === 'string' && x.length >= 1 && x.length <= 32,
    ),
};
const insights: Field = {
  required: false,
  allowed: 'an object with boolean InsightsEnabled and NotificationsEnabled',
  valid: (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(v).every(
      ([k, x]) => ['InsightsEnabled', 'NotificationsEnabled'].includes(k) && typeof x === 'boolean',
    ),
};

/** X-Ray's limits for a sampling rule (API reference, SamplingRule). */
const SAMPLING_RULE_FIELDS: Record<keyof SamplingRuleSpec, Field> = {
  RuleName: text(32),
  ResourceARN: text(500),
  Priority: integer(1, 9999, 'an integer from 1 to 9999 (10000 is the Default rule)'),
  FixedRate: {
    required: true,
    allowed: 'a number from 0 to 1',
    valid: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  },
  ReservoirSize: integer(0, Number.MAX_SAFE_INTEGER, 'a whole number of traces per second, 0 or more'),
  ServiceName: text(64),
  ServiceType: text(64),
  Host: text(64),
  HTTPMethod: text(10),
  URLPath: text(128),
  Version: integer(1, 1, '1, the only rule version X-Ray supports'),
  Attributes: stringMap,
};

const GROUP_FIELDS: Record<keyof GroupSpec, Field> = {
  GroupName: text(32),
  FilterExpression: text(2000),
  InsightsConfiguration: insights,
};

function badField(file: string, field: string, value: unknown, allowed: string): ToolkitError {
  return new ToolkitError(
    `${file}: ${field} = ${JSON.stringify(value)} is not valid (expected ${allowed})`,
    `edit ${field} in ${file}`,
  );
}

function checkFields<T>(file: string, prefix: string, value: unknown, fields: Record<string, Field>): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badField(file, prefix || '(top level)', value, 'an object');
  const record = value as Record<string, unknown>;
  const path = (name: string) => (prefix ? `${prefix}.${name}` : name);
  for (const name of Object.keys(record)) {
    if (!(name in fields)) {
      throw new ToolkitError(
        `${file}: ${path(name)} is not a known field (allowed: ${Object.keys(fields).join(', ')})`,
        `remove or rename ${path(name)} in ${file}`,
      );
    }
  }
  for (const [name, field] of Object.entries(fields)) {
    if (record[name] === undefined) {
      if (field.required)
        throw new ToolkitError(
          `${file}: ${path(name)} is missing (expected ${field.allowed})`,
          `add ${path(name)} to ${file}`,
        );
    } else if (!field.valid(record[name])) {
      throw badField(file, path(name), record[name], field.allowed);
    }
  }
  return record as T;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ToolkitError(
      `${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      `fix the JSON syntax in ${file}`,
    );
  }
}

/** `{"SamplingRule": {...}}` → the rule, or an error naming the file, field, value and what is allowed. */
export function parseSamplingRuleFile(text: string, file = SAMPLING_RULE_FILE): SamplingRuleSpec {
  const wrapper = checkFields<{ SamplingRule: unknown }>(file, '', parseJson(text, file), {
    SamplingRule: { required: true, allowed: 'an object with the rule', valid: () => true },
  });
  return Object.freeze(checkFields<SamplingRuleSpec>(file, 'SamplingRule', wrapper.SamplingRule, SAMPLING_RULE_FIELDS));
}

export function parseGroupFile(text: string, file = GROUP_FILE): GroupSpec {
  return Object.freeze(checkFields<GroupSpec>(file, '', parseJson(text, file), GROUP_FIELDS));
}

export interface XrayResourceSpecs {
  rule: SamplingRuleSpec;
  group: GroupSpec;
}

function readSpecFile(root: string, file: string): string {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ToolkitError(`cannot read ${file} (${code})`, `restore ${file} from git (git checkout -- ${file})`);
  }
}

/** Reads and validates both files; nothing is sent to AWS unless both are valid. */
export function loadXrayResourceSpecs(root: string): XrayResourceSpecs {
  return {
    rule: parseSamplingRuleFile(readSpecFile(root, SAMPLING_RULE_FILE)),
    group: parseGroupFile(readSpecFile(root, GROUP_FILE)),
  };
}
