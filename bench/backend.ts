/**
 * The compiled backend as the image runs it (`node .` in the backend's directory: its entry point
 * starts telemetry, then the app), with all three telemetry paths pointed at the local fakes and the
 * chosen ones switched off the documented way. Every variant runs the same build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  startXrayOtlpEndpoint,
  xrayOtlpPipelineEnv,
  type XrayOtlpEndpoint,
} from '../test-support/fakes/xray-otlp-endpoint.js';
import { startTracedBackend, type TracedBackend } from '../test-support/traced-backend.js';

export const VARIANTS = ['off', 'all', 'otel', 'xray', 'rollbar'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
  off: 'all off',
  all: 'all on',
  otel: 'OpenTelemetry only',
  xray: 'X-Ray only',
  rollbar: 'Rollbar only',
};

const OFF = {
  otel: { OTEL_SDK_DISABLED: 'true' },
  xray: { AWS_XRAY_SDK_ENABLED: 'false' },
  rollbar: { ROLLBAR_ACCESS_TOKEN: undefined },
} as const;

function switches(variant: Variant): Record<string, string | undefined> {
  if (variant === 'all') return {};
  if (variant === 'off') return { ...OFF.otel, ...OFF.xray, ...OFF.rollbar };
  const others = (['otel', 'xray', 'rollbar'] as const).filter((path) => path !== variant);
  return Object.assign({}, ...others.map((path) => OFF[path])) as Record<string, string | undefined>;
}

/** The backend's one start command, run in its directory (a test holds it to the image's CMD). */
export const BACKEND_COMMAND = [process.execPath, '.'];

/**
 * How X-Ray segments are built and sent (`CRUDDUR_XRAY_PIPELINE`): by the X-Ray SDK, or from the
 * OpenTelemetry spans. Only mixes with X-Ray on have an otel-pipeline row.
 */
export const PIPELINES = ['sdk', 'otel'] as const;
export type Pipeline = (typeof PIPELINES)[number];

/** Requests sampled by the dev rules (every request but health checks), or by the seed's rule. */
export type Sampling = 'all' | 'seedRule';

/** The seed's X-Ray sampling rule (`aws/json/x-ray.json`: reservoir 5/s, then 10%). */
function seedSamplingRule(): Record<string, unknown> {
  const file = new URL('../aws/json/x-ray.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { SamplingRule: Record<string, unknown> }).SamplingRule;
}

/** One row of the tables: which paths are on, which X-Ray pipeline, which sampling. */
export interface Mix {
  variant: Variant;
  pipeline: Pipeline;
  sampling: Sampling;
}

export function mixKey({ variant, pipeline, sampling }: Mix): string {
  return [
    variant,
    ...(pipeline === 'sdk' ? [] : [`${pipeline}-pipeline`]),
    ...(sampling === 'all' ? [] : ['seed-rule']),
  ].join('+');
}

export function mixLabel({ variant, pipeline, sampling }: Mix): string {
  const xray = variant === 'all' || variant === 'xray';
  const details = [
    ...(xray ? [`${pipeline} pipeline`] : []),
    ...(sampling === 'seedRule' ? ["seed's rule (5/s + 10%)"] : []),
  ];
  return details.length ? `${VARIANT_LABELS[variant]} (${details.join(', ')})` : VARIANT_LABELS[variant];
}

/**
 * The rows of the overhead and instruction tables: each telemetry mix 100% sampled, all on at the
 * seed's rule, and the otel pipeline's rows (all on, X-Ray alone).
 */
export function benchMixes(): Mix[] {
  const mix = (variant: Variant, pipeline: Pipeline = 'sdk', sampling: Sampling = 'all'): Mix => ({
    variant,
    pipeline,
    sampling,
  });
  return [
    mix('off'),
    mix('all'),
    mix('all', 'otel'),
    mix('all', 'sdk', 'seedRule'),
    mix('otel'),
    mix('xray'),
    mix('xray', 'otel'),
    mix('rollbar'),
  ];
}

export interface BenchBackendOptions {
  /** The backend workspace whose `dist/` runs (default: this checkout's); another build's, to compare two commits. */
  dir?: string;
  /** Runs the backend under this command (e.g. valgrind), its Node command line appended. */
  wrapper?: string[];
  /** Node flags before the entry point (e.g. `--trace-gc-nvp`). */
  nodeFlags?: string[];
  /** Variables over the mix's (e.g. the batch processor's schedule). */
  env?: Record<string, string | undefined>;
  startTimeoutMs?: number;
}

/** Generous: on a loaded 2-core machine a backend can take tens of seconds to start. */
const START_TIMEOUT_MS = 120_000;

/** A bench backend; with the otel pipeline, also the stand-in for X-Ray's OTLP endpoint it signs for. */
export interface BenchBackend extends TracedBackend {
  xrayOtlp: XrayOtlpEndpoint | undefined;
}

const BENCH_AWS_KEY = { id: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/**
 * The switches of a mix. In the otel pipeline X-Ray is OpenTelemetry's second target, so "X-Ray
 * only" keeps OpenTelemetry on and takes Honeycomb away instead.
 */
function mixEnv(mix: Mix): Record<string, string | undefined> {
  if (mix.pipeline === 'sdk') return switches(mix.variant);
  return mix.variant === 'xray' ? { ...OFF.rollbar, HONEYCOMB_API_KEY: undefined } : switches(mix.variant);
}

/** The backend of `mix`; the batch processor keeps the SDK's default schedule (5 s), as in the image. */
export async function startBenchBackend(mix: Mix, options: BenchBackendOptions = {}): Promise<BenchBackend> {
  const [node, ...args] = BACKEND_COMMAND;
  const xrayOtlp =
    mix.pipeline === 'otel'
      ? await startXrayOtlpEndpoint({ keys: { [BENCH_AWS_KEY.id]: BENCH_AWS_KEY.secret } })
      : undefined;
  try {
    const traced = await startTracedBackend({
      command: [...(options.wrapper ?? []), node!, ...(options.nodeFlags ?? []), ...args],
      env: {
        ...mixEnv(mix),
        OTEL_BSP_SCHEDULE_DELAY: undefined,
        ...(xrayOtlp && xrayOtlpPipelineEnv(xrayOtlp, BENCH_AWS_KEY.id, BENCH_AWS_KEY.secret)),
        ...options.env,
      },
      ...(mix.sampling === 'seedRule' && { xray: { centralizedRules: [seedSamplingRule()] } }),
      startTimeoutMs: options.startTimeoutMs ?? START_TIMEOUT_MS,
      ...(options.dir && { cwd: options.dir }),
    });
    return {
      ...traced,
      xrayOtlp,
      stop: async () => {
        await traced.stop();
        await xrayOtlp?.stop();
      },
    };
  } catch (err) {
    await xrayOtlp?.stop();
    throw err;
  }
}

/** Resident set size of a running process, in MiB (Linux `/proc`). */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round((Number(match[1]) / 1024) * 10) / 10;
}

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time a process has used so far (user + system), in seconds. Per request, it is the cost that
 * other processes on the machine (the colleague's tests, the load generator) disturb least.
 */
export function cpuSeconds(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

/** What the fakes received, counted and then forgotten so a long run does not fill the bench's memory. */
export interface Received {
  segments: number;
  spans: number;
}

/** X-Ray's side counts segments (sdk pipeline) or the spans X-Ray's OTLP endpoint took (otel pipeline). */
export function drainReceived(traced: BenchBackend, into: Received): void {
  into.segments += traced.xray.datagrams.length + (traced.xrayOtlp?.spans().length ?? 0);
  into.spans += traced.otlp.spans().length;
  traced.xray.datagrams.length = 0;
  traced.xray.segments.length = 0;
  traced.otlp.exports.length = 0;
  if (traced.xrayOtlp) traced.xrayOtlp.exports.length = 0;
}
