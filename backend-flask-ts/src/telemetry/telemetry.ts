/**
 * Starts the telemetry paths the config turns on and wires them into what the app takes (hooks
 * around the routes, the `/rollbar/test` reporter, the tracing port). Each path starts alone: one that
 * fails logs one line and stays off while the others run. X-Ray starts first because its sampling
 * rules are OpenTelemetry's root sampler.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { NO_HOOKS, SILENT_REPORTER, type AppHooks, type MessageReporter } from '../deps.js';
import { NO_TRACING, untraced, type Tracing } from '../services/tracing.js';
import type { TelemetryConfig } from './config.js';
import type { OtelRuntime } from './otel.js';
import type { RollbarRuntime } from './rollbar.js';
import { otelToXrayTraceId } from '@cruddur/trace-contract';
import type { XrayRuntime } from './xray.js';

export interface Telemetry {
  hooks: AppHooks;
  reporter: MessageReporter;
  tracing: Tracing;
  /** Reports an error that ends the process (Rollbar); `shutdown` then flushes it. */
  reportCrash(error: unknown): void;
  /** Flushes pending spans and Rollbar items, giving up after `deadlineMs`; never rejects. */
  shutdown(deadlineMs: number): Promise<void>;
}

export const NO_TELEMETRY: Telemetry = Object.freeze({
  hooks: NO_HOOKS,
  reporter: SILENT_REPORTER,
  tracing: NO_TRACING,
  reportCrash: () => {},
  shutdown: async () => {},
});

export type LogLine = (line: string) => void;

async function attempt<T>(name: string, start: () => Promise<T>, log: LogLine): Promise<T | undefined> {
  try {
    return await start();
  } catch (error) {
    log(`[telemetry] ${name} could not start (${error instanceof Error ? error.message : String(error)}); it stays off`);
    return undefined;
  }
}

/** The X-Ray spelling of the current request's trace id, from OpenTelemetry or else X-Ray. */
function currentTraceId(xray: XrayRuntime | undefined): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) return otelToXrayTraceId(spanContext.traceId);
  return xray?.currentTraceId();
}

async function settleWithin(promises: Array<Promise<unknown>>, deadlineMs: number): Promise<void> {
  const deadline = new AbortController();
  await Promise.race([Promise.allSettled(promises), sleep(deadlineMs, undefined, { signal: deadline.signal }).catch(() => {})]);
  deadline.abort();
}

export async function startTelemetry(config: TelemetryConfig, log: LogLine = (line) => console.log(line)): Promise<Telemetry> {
  for (const warning of config.warnings) log(`[telemetry] ${warning}`);
  const { xray: xrayConfig, otel: otelConfig, rollbar: rollbarConfig } = config;

  let xray: XrayRuntime | undefined;
  if (xrayConfig.enabled) {
    xray = await attempt('X-Ray', async () => (await import('./xray.js')).startXray(xrayConfig), log);
    if (xray) {
      const naming = xrayConfig.dynamicNamingPattern ? `, or the Host when it matches AWS_XRAY_URL` : '';
      log(`[telemetry] X-Ray: segments "${xrayConfig.segmentName}"${naming} → daemon ${xrayConfig.daemonAddress} (UDP); sampling rules from the daemon (TCP), else xray-sampling-rules.json`);
    }
  } else log(`[telemetry] X-Ray off (${xrayConfig.reason})`);

  let otel: OtelRuntime | undefined;
  if (otelConfig.enabled) {
    otel = await attempt('OpenTelemetry', async () => {
      const [{ startOtel }, { createRootSampler }] = await Promise.all([import('./otel.js'), import('./sampling.js')]);
      return startOtel(otelConfig, createRootSampler(otelConfig.rootSampler, xray?.rulesSampler));
    }, log);
    const { kind } = otelConfig.rootSampler;
    const sampling = kind !== 'xray-rules' ? kind : xray ? "X-Ray's rules" : 'always_on';
    if (otel) log(`[telemetry] OpenTelemetry: spans of "${otelConfig.serviceName}" → ${otelConfig.destination}; sampling: the caller's decision, else ${sampling}`);
  } else log(`[telemetry] OpenTelemetry off (${otelConfig.reason})`);

  let rollbar: RollbarRuntime | undefined;
  if (rollbarConfig.enabled) {
    rollbar = await attempt('Rollbar', async () => (await import('./rollbar.js')).startRollbar(rollbarConfig, () => currentTraceId(xray)), log);
    if (rollbar) log(`[telemetry] Rollbar: items → ${rollbarConfig.endpoint} (environment ${rollbarConfig.environment}, code version ${rollbar.codeVersion ?? 'unknown'})`);
  } else log(`[telemetry] Rollbar off (${rollbarConfig.reason})`);

  const otelBridge = otel ? [(await import('./otel-trace-bridge.js')).createOtelTraceBridge({ handToXray: xray !== undefined })] : [];
  return {
    hooks: {
      beforeRoutes: [...otelBridge, ...(xray?.beforeRoutes({ otel: otel !== undefined }) ?? [])],
      afterRoutes: [...(xray ? [xray.closeSegment] : []), ...(rollbar ? [rollbar.errorReporter] : [])],
    },
    reporter: rollbar?.reporter ?? SILENT_REPORTER,
    tracing: { span: otel?.span ?? untraced, subsegment: xray?.subsegment ?? untraced },
    reportCrash: (error) => rollbar?.reportCrash(error),
    shutdown: (deadlineMs) => settleWithin([otel?.shutdown(), rollbar?.flush()].filter((p) => p !== undefined), deadlineMs),
  };
}
