import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TaskFileError } from './errors.js';
import { closestName } from './suggest.js';
import type { TaskDefinition, TaskFile } from './types.js';

const FIELDS = ['command', 'description', 'dependencies'] as const;
const SHAPE = 'a command string, or an object with "command", "description" and "dependencies"';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(at: string, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new TaskFileError(
      at,
      `"${field}" must be a string, got ${JSON.stringify(value)}`,
      `write "${field}" as a string`,
    );
  return value;
}

function parseTask(name: string, value: unknown, where: string): TaskDefinition {
  const at = `${where}, task "${name}"`;
  if (typeof value === 'string') value = { command: value };
  if (!isRecord(value))
    throw new TaskFileError(
      at,
      `expected ${SHAPE}, got ${JSON.stringify(value)}`,
      'write the task in one of those two forms',
    );
  for (const key of Object.keys(value)) {
    if ((FIELDS as readonly string[]).includes(key)) continue;
    const guess = closestName(key, FIELDS);
    throw new TaskFileError(
      at,
      `unknown field "${key}"`,
      guess === undefined ? `use only ${FIELDS.map((f) => `"${f}"`).join(', ')}` : `did you mean "${guess}"?`,
    );
  }
  const command = optionalString(at, 'command', value.command);
  if (command?.trim() === '')
    throw new TaskFileError(
      at,
      '"command" is empty',
      'write the command, or drop the field to make a task that only runs its dependencies',
    );
  const { dependencies = [] } = value;
  if (!Array.isArray(dependencies) || !dependencies.every((d): d is string => typeof d === 'string')) {
    throw new TaskFileError(
      at,
      `"dependencies" must be an array of task names, got ${JSON.stringify(dependencies)}`,
      'write e.g. "dependencies": ["build"]',
    );
  }
  const description = optionalString(at, 'description', value.description);
  return {
    name,
    dependencies,
    ...(command === undefined ? {} : { command }),
    ...(description === undefined ? {} : { description }),
  };
}

/** Validates a `"tasks"` value of a JSON file; `where` names the file in errors. Pure. */
export function parseTasks(value: unknown, where: string): Map<string, TaskDefinition> {
  if (!isRecord(value))
    throw new TaskFileError(
      where,
      `"tasks" must be an object of named tasks, got ${JSON.stringify(value)}`,
      'write e.g. "tasks": { "hello": "echo hello" }',
    );
  return new Map(Object.entries(value).map(([name, task]) => [name, parseTask(name, task, where)]));
}

/** Reads the `"tasks"` object of a JSON file; commands of those tasks run in the file's directory. */
export function readTaskFile(file: string): TaskFile {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TaskFileError(path, 'cannot be read', 'check the path given to --config');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TaskFileError(path, `is not valid JSON (${(err as Error).message})`, 'fix the JSON syntax');
  }
  if (!isRecord(json) || json.tasks === undefined)
    throw new TaskFileError(path, 'has no "tasks" object', 'add one, e.g. "tasks": { "hello": "echo hello" }');
  return { path, dir: dirname(path), tasks: parseTasks(json.tasks, path) };
}

function declaresTasks(file: string): boolean {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isRecord(json) && json.tasks !== undefined;
  } catch {
    return false;
  }
}

/** The nearest `package.json` from `start` upward that declares `"tasks"`, as deno finds its deno.json. */
export function findTaskFile(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (declaresTasks(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
