/**
 * `node --import tsx bench/profile.ts [MIX] [SECONDS] [--against MIX]`: where one mix's backend spends
 * its CPU under the overhead bench's throughput load, and what it adds over another mix (all off by
 * default), piece by piece: the note on what stands in the way of the goals.
 *
 * The compiled backend runs with `--cpu-prof`; only samples taken during the measured load count
 * (not start-up, not warm-up, not idle), per request. Node's own code (HTTP, streams, timers, dgram)
 * and native calls are charged to the code that called them: the X-Ray datagram's system call shows
 * under the module that sends it, the OTLP export's HTTP request under the exporter, the response's
 * socket write under Express. What nothing of ours or a package's called (the HTTP parser, the event
 * loop) is Node's. Sampled, so noisier than the instruction counts: use it for proportions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchMixes, mixKey, startBenchBackend, type Mix } from './backend.js';
import { runLoad } from './load.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds, on the monotonic clock `process.hrtime` reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** V8's pseudo-frames, which are their own piece wherever they sit. */
const PSEUDO_FRAMES = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

/** Node's own JavaScript and native calls: charged to their caller. */
const isNodeInternal = ({ url, functionName }: ProfileNode['callFrame']): boolean =>
  url.startsWith('node:') || (url === '' && !PSEUDO_FRAMES.has(functionName));

/** The piece a frame belongs to: a package, a file of the backend or the trace contract, or V8's. */
function pieceOf({ url, functionName }: ProfileNode['callFrame']): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  const own = /\/(backend-flask-ts|trace-contract)\/(?:dist|src)\/(.+)$/.exec(url);
  if (own) return `${own[1] === 'trace-contract' ? 'trace contract' : 'backend'}: ${own[2]}`;
  if (functionName === '(root)' || !PSEUDO_FRAMES.has(functionName)) return 'node (HTTP parser, event loop)';
  return functionName;
}

/** Self time per piece (µs) of the samples taken between `fromUs` and `toUs`. */
function piecesBetween(profile: CpuProfile, fromUs: number, toUs: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const pieceById = new Map<number, string>();
  const charged = (id: number): string => {
    let piece = pieceById.get(id);
    if (piece === undefined) {
      let at = id;
      while (isNodeInternal(byId.get(at)!.callFrame) && parentOf.has(at)) at = parentOf.get(at)!;
      pieceById.set(id, (piece = pieceOf(byId.get(at)!.callFrame)));
    }
    return piece;
  };
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (at < fromUs || at > toUs) return;
    const piece = charged(id);
    totals.set(piece, (totals.get(piece) ?? 0) + profile.timeDeltas[i]!);
  });
  totals.delete('(idle)');
  return totals;
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

interface MixProfile {
  rps: number;
  requests: number;
  /** µs of CPU per request, by piece. */
  perRequest: Map<string, number>;
}

async function profileMix(mix: Mix, seconds: number): Promise<MixProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const traced = await startBenchBackend(mix, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  try {
    const url = `${traced.backend.url}/api/activities/home`;
    await runLoad({ url, connections: 32, durationS: 2 });
    const from = nowUs();
    const load = await runLoad({ url, connections: 32, durationS: seconds });
    const to = nowUs();
    await traced.backend.stop();
    const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')) as CpuProfile;
    const totals = piecesBetween(profile, from, to);
    return {
      rps: load.rps,
      requests: load.requests,
      perRequest: new Map([...totals].map(([piece, us]) => [piece, us / load.requests])),
    };
  } finally {
    await traced.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mixNamed = (name: string): Mix => {
  const mix = benchMixes().find((m) => mixKey(m) === name);
  if (!mix) throw new Error(`unknown mix ${name}; the mixes are ${benchMixes().map(mixKey).join(', ')}`);
  return mix;
};

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);
const us = (value: number): string => value.toFixed(1).padStart(8);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { against: { type: 'string', default: 'off' } },
});
const [mixName = 'all', seconds = '20'] = positionals;
const [mix, against] = [mixNamed(mixName), mixNamed(values.against)];
const measured = await profileMix(mix, Number(seconds));
const base = await profileMix(against, Number(seconds));
const pieces = [...new Set([...measured.perRequest.keys(), ...base.perRequest.keys()])]
  .map((piece) => ({ piece, mix: measured.perRequest.get(piece) ?? 0, base: base.perRequest.get(piece) ?? 0 }))
  .sort((a, b) => b.mix - b.base - (a.mix - a.base));
console.log(`CPU per request (µs) during ${seconds} s at 32 connections, Node's own code charged to its caller`);
console.log(`${mixKey(mix)}: ${measured.rps} req/s; ${mixKey(against)}: ${base.rps} req/s\n`);
console.log(`${mixKey(mix).padStart(8)}  ${mixKey(against).padStart(8)}     added  piece`);
for (const { piece, mix: a, base: b } of pieces.filter(({ mix: a, base: b }) => Math.abs(a - b) >= 0.5 || a >= 5))
  console.log(`${us(a)}  ${us(b)}  ${(a - b >= 0 ? '+' : '') + (a - b).toFixed(1).padStart(7)}  ${piece}`);
const [total, baseTotal] = [sum(measured.perRequest.values()), sum(base.perRequest.values())];
console.log(
  `${us(total)}  ${us(baseTotal)}  ${('+' + (total - baseTotal).toFixed(1)).padStart(8)}  total (×${(total / baseTotal).toFixed(2)})`,
);
