/**
 * Runs a task script (`scripts/tasks/NAME.ts`) as its own process, the way the runner does, in a
 * throwaway project root holding copies of `docker-compose.yml` and `aws/json/`. The environment is
 * built from scratch (a temporary HOME, no ~/.aws) so the developer's real credentials never leak in.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
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

/**
 * A project root where the README's commands work as written (`npm run setup`, through npm and the
 * task runner) without touching the repository's own `.env` or `.cruddur/`: the repository's
 * package.json and links to its code and node_modules.
 */
export function createRunnableRoot(): string {
  const root = createProjectRoot();
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
  cpSync(join(REPO, '.env.example'), join(root, '.env.example'));
  for (const entry of [
    'scripts',
    'backend-flask-ts',
    'packages',
    'node_modules',
    'tsconfig.json',
    'tsconfig.base.json',
  ])
    symlinkSync(join(REPO, entry), join(root, entry));
  return root;
}

/** The environment of a task process: built from scratch, with a temporary HOME and no ~/.aws. */
export function taskEnv(root: string, env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(root, 'home'),
    AWS_CONFIG_FILE: join(root, 'home', 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'home', 'no-aws-credentials'),
    ...env,
  };
}

export function runTaskProcess(
  name: string,
  args: string[],
  options: { root: string; env: Record<string, string | undefined> },
): Promise<TaskRun> {
  const child = spawn(process.execPath, ['--import', TSX, join(REPO, 'scripts', 'tasks', `${name}.ts`), ...args], {
    cwd: options.root,
    env: taskEnv(options.root, options.env),
  });
  return collect(child);
}

/** No update check (a fresh HOME would ask the registry) and no funding notes. */
export const NPM_QUIET = { npm_config_update_notifier: 'false', npm_config_fund: 'false' } as const;

/** `npm run ARGS` in a root from createRunnableRoot: the newcomer's command itself. */
export function runNpm(
  args: string[],
  options: { root: string; env: Record<string, string | undefined> },
): Promise<TaskRun> {
  return collect(
    spawn('npm', ['run', ...args], { cwd: options.root, env: taskEnv(options.root, { ...NPM_QUIET, ...options.env }) }),
  );
}

function collect(child: ChildProcessWithoutNullStreams): Promise<TaskRun> {
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk), (output += chunk)));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr, output })));
}
