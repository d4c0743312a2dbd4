/**
 * Runs a task script (`scripts/tasks/NAME.ts`) as its own process, the way the runner does, in a
 * throwaway project root holding copies of `docker-compose.yml` and `aws/json/`. The environment is
 * built from scratch (a temporary HOME, no ~/.aws) so the developer's real credentials never leak in.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface TaskRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both streams, for "never printed" assertions. */
  output: string;
}

/** A project root with the files the tasks read; `.env` is left to the test. */
export function createProjectRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'cruddur-root-'));
  cpSync(join(REPO, 'docker-compose.yml'), join(root, 'docker-compose.yml'));
  mkdirSync(join(root, 'aws'));
  cpSync(join(REPO, 'aws', 'json'), join(root, 'aws', 'json'), { recursive: true });
  mkdirSync(join(root, 'home'));
  return root;
}

export function runTaskProcess(name: string, args: string[], options: { root: string; env: Record<string, string | undefined> }): Promise<TaskRun> {
  const env = {
    PATH: process.env.PATH,
    HOME: join(options.root, 'home'),
    AWS_CONFIG_FILE: join(options.root, 'home', 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(options.root, 'home', 'no-aws-credentials'),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', TSX, join(REPO, 'scripts', 'tasks', `${name}.ts`), ...args], { cwd: options.root, env });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk), (output += chunk)));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr, output })));
}
