/**
 * `node --import tsx bench/profile.ts [mix] [seconds]`: where one mix's backend spends its time, for
 * the README's note on what stands in the way of the goals. The compiled backend runs with
 * `--cpu-prof` under the overhead bench's throughput load; its profile's self time is summed by
 * package (node_modules/<name>), Node's own code (node:*), the backend's code and the rest (GC,
 * native, idle) and shown per request. Sampled, so noisier than the instruction counts; use it for
 * proportions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchMixes, mixKey, startBenchBackend } from './backend.js';
import { runLoad } from './load.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The part of the process a script URL belongs to. */
export function owner(url: string, functionName: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:')) return 'node (http, streams, timers)';
  if (url.includes('/backend-flask-ts/') || url.includes('/trace-contract/')) return 'backend and trace contract';
  return functionName ? `(${functionName})` : '(program)';
}

const [mixName = 'all', seconds = '10'] = process.argv.slice(2);
const mix = benchMixes().find((m) => mixKey(m) === mixName);
if (!mix) throw new Error(`unknown mix ${mixName}; the mixes are ${benchMixes().map(mixKey).join(', ')}`);
const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const traced = await startBenchBackend(mix, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
try {
  const url = `${traced.backend.url}/api/activities/home`;
  const warmup = await runLoad({ url, connections: 32, durationS: 2 });
  const load = await runLoad({ url, connections: 32, durationS: Number(seconds) });
  await traced.backend.stop();
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')) as CpuProfile;
  const ownerOf = new Map(profile.nodes.map((node) => [node.id, owner(node.callFrame.url, node.callFrame.functionName)]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => totals.set(ownerOf.get(id)!, (totals.get(ownerOf.get(id)!) ?? 0) + profile.timeDeltas[i]!));
  // The profile spans start-up to shutdown: its time is spread over every request sent.
  const requests = warmup.requests + load.requests;
  console.log(`${mixKey(mix)}: ${load.rps} req/s; self time per request (µs), the whole profile over ${requests} requests`);
  for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / requests).toFixed(1).padStart(8)}  ${name}`);
} finally {
  await traced.stop();
  rmSync(dir, { recursive: true, force: true });
}
