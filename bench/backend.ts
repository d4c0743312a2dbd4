/**
 * The compiled backend as the image runs it (`node --enable-source-maps --import
 * ./dist/telemetry/instrument.js dist/main.js`), with all three telemetry paths pointed at the local
 * fakes and the chosen ones switched off the documented way. Every variant preloads the same build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

export const BACKEND_COMMAND = [process.execPath, '--enable-source-maps', '--import', './dist/telemetry/instrument.js', 'dist/main.js'];

/** The backend of `variant`; the batch processor keeps the SDK's default schedule (5 s), as in the image. */
export function startBenchBackend(variant: Variant): Promise<TracedBackend> {
  return startTracedBackend({ command: BACKEND_COMMAND, env: { ...switches(variant), OTEL_BSP_SCHEDULE_DELAY: undefined } });
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

export function drainReceived(traced: TracedBackend, into: Received): void {
  into.segments += traced.xray.datagrams.length;
  into.spans += traced.otlp.spans().length;
  traced.xray.datagrams.length = 0;
  traced.xray.segments.length = 0;
  traced.otlp.exports.length = 0;
}
