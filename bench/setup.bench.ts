/**
 * `setup`'s own time when everything already exists: cloud mode against moto, the X-Ray control-plane,
 * Honeycomb and Rollbar fakes and the recording `docker`. A first setup creates the group, the
 * sampling rule and `.env`; the timed ones that follow find them unchanged. Timed from the task
 * process's spawn to its exit (tsx start included, the runner not: that is the runner's figure).
 */
import { rmSync } from 'node:fs';
import { startCloudFakes } from '../test-support/cloud-fakes.js';
import { createProjectRoot, runTaskProcess } from '../test-support/task-process.js';
import { median } from './overhead.bench.js';
import { round } from './load.js';

export interface SetupBench {
  mode: 'cloud';
  what: string;
  firstRunMs: number;
  medianMs: number;
  runsMs: number[];
}

export async function benchSetup(options: { runs: number; progress: (line: string) => void }): Promise<SetupBench> {
  const fakes = await startCloudFakes();
  const root = createProjectRoot();
  try {
    const timed = async (): Promise<number> => {
      const started = performance.now();
      const run = await runTaskProcess('setup', ['--mode', 'cloud'], { root, env: fakes.env });
      if (run.code !== 0) throw new Error(`setup failed (${run.code}):\n${run.output}`);
      return round(performance.now() - started, 0);
    };
    const firstRunMs = await timed();
    const runsMs: number[] = [];
    for (let i = 0; i < options.runs; i++) runsMs.push(await timed());
    options.progress(`setup (everything exists): median ${median(runsMs)} ms over ${options.runs} runs`);
    return {
      mode: 'cloud',
      what: 'second and later `setup --mode cloud` in one project root, against moto + fakes + the recording docker',
      firstRunMs,
      medianMs: median(runsMs),
      runsMs,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    await fakes.stop();
  }
}
