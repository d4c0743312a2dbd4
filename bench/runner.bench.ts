/**
 * The task runner's own overhead for a trivial task, next to `npm run`'s for the same command,
 * measured in one run (hyperfine-style: wall time of each spawn, commands interleaved round by
 * round so machine noise hits them alike). Goal (issue 4): the runner adds less than `npm run`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Timing {
  readonly medianMs: number;
  readonly p90Ms: number;
}

export interface RunnerBench {
  readonly runs: number;
  /** The task's command alone: `sh -c true`. */
  readonly command: Timing;
  /** `npm run t`, where script t is `true`. */
  readonly npmRun: Timing;
  /** The runner as the npm scripts start it: `node scripts/runner/bin.mjs t` (cached bundle). */
  readonly runner: Timing;
  /** The runner straight from its sources: `tsx scripts/run.ts t`. */
  readonly runnerViaTsx: Timing;
  /** `node -e 0` and `tsx empty.ts`: what starting node, and tsx on top of it, cost. */
  readonly nodeStartup: Timing;
  readonly tsxStartup: Timing;
  /** Medians minus the command's own median. */
  readonly npmOverheadMs: number;
  readonly runnerOverheadMs: number;
  readonly runnerViaTsxOverheadMs: number;
  /** How much of the tsx path's overhead is tsx starting (tsx − node startup), 0..1. */
  readonly tsxShareOfRunnerViaTsx: number;
  /** Whether the runner's overhead is below `npm run`'s. */
  readonly goalMet: boolean;
}

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);

function timing(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { medianMs: round(at(0.5)), p90Ms: round(at(0.9)) };
}

/** Wall time of one spawn, to its exit. */
function timeSpawn(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: 'ignore' });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`benchmark command failed (${result.status ?? result.signal}): ${command} ${args.join(' ')}`);
  return ms;
}

export async function benchRunner(options: { runs?: number; warmup?: number } = {}): Promise<RunnerBench> {
  const { runs = 15, warmup = 2 } = options;
  const dir = mkdtempSync(join(tmpdir(), 'runner-bench-'));
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'runner-bench', private: true, scripts: { t: 'true' }, tasks: { t: 'true' } }),
    );
    writeFileSync(join(dir, 'empty.ts'), 'export {};\n');
    const commands = {
      command: ['sh', ['-c', 'true']],
      npmRun: ['npm', ['run', 't']],
      runner: [process.execPath, [join(repo, 'scripts', 'runner', 'bin.mjs'), 't']],
      runnerViaTsx: [bin('tsx'), [join(repo, 'scripts', 'run.ts'), 't']],
      nodeStartup: [process.execPath, ['-e', '0']],
      tsxStartup: [bin('tsx'), ['empty.ts']],
    } as const satisfies Record<string, readonly [string, readonly string[]]>;
    const names = Object.keys(commands) as (keyof typeof commands)[];
    const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      keyof typeof commands,
      number[]
    >;
    for (let round = 0; round < warmup + runs; round++) {
      for (const name of names) {
        const [command, args] = commands[name];
        const ms = timeSpawn(command, args, dir);
        if (round >= warmup) samples[name].push(ms);
      }
    }
    const t = Object.fromEntries(names.map((name) => [name, timing(samples[name])])) as Record<
      keyof typeof commands,
      Timing
    >;
    const overhead = (name: keyof typeof commands): number =>
      Math.round((t[name].medianMs - t.command.medianMs) * 10) / 10;
    const tsxOwn = t.tsxStartup.medianMs - t.nodeStartup.medianMs;
    return {
      runs,
      ...t,
      npmOverheadMs: overhead('npmRun'),
      runnerOverheadMs: overhead('runner'),
      runnerViaTsxOverheadMs: overhead('runnerViaTsx'),
      tsxShareOfRunnerViaTsx: Math.round((tsxOwn / overhead('runnerViaTsx')) * 100) / 100,
      goalMet: overhead('runner') < overhead('npmRun'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
