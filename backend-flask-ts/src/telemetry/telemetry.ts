/**
 * Starts the telemetry paths the config turns on and wires them into what the app takes (hooks
 * around the routes, the `/rollbar/test` reporter, the tracing port) and into the delivery record.
 * Each path starts alone: one that fails logs one line and stays off while the others run. X-Ray
 * starts first because its sampling rules are OpenTelemetry's root sampler.
 *
 * X-Ray has two pipelines (`CRUDDUR_XRAY_PIPELINE`): `sdk`, the seed's — the X-Ray SDK's segments to
 * the daemon over UDP — and `otel`: the X-Ray SDK is not loaded, OpenTelemetry's spans also go to
 * X-Ray's OTLP endpoint (SigV4), X-Ray's sampling rules come from its API, and the routes' subsegments
 * become spans of the same names.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import { NO_HOOKS, SILENT_REPORTER, type AppHooks, type MessageReporter } from '../deps.js';
import { DeliveryRecorder, NO_RECORD, type DeliveryReporter } from '../diagnostics/delivery-record.js';
import { Redactor } from '../diagnostics/redact.js';
import { NO_TRACING, untraced, type Tracing } from '../services/tracing.js';
import type { TelemetryConfig } from './config.js';
import type { OtelRuntime, OtlpTarget } from './otel.js';
import type { RollbarRuntime } from './rollbar.js';
import {
  HONEYCOMB_DATASET_HEADER,
  HONEYCOMB_TEAM_HEADER,
  maskSecret,
  otelToXrayTraceId,
  XRAY_SIGV4_SERVICE,
  type PathStatus,
  type PathTarget,
} from '@cruddur/trace-contract';
import type { XrayRuntime } from './xray.js';

export interface Telemetry {
  hooks: AppHooks;
  reporter: MessageReporter;
  tracing: Tracing;
  /** The delivery record, when diagnostics are on (`CRUDDUR_DIAGNOSTICS`). */
  diagnostics?: DeliveryRecorder;
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

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function attempt<T>(
  name: string,
  start: () => Promise<T>,
  log: LogLine,
  failed?: (reason: string) => void,
): Promise<T | undefined> {
  try {
    return await start();
  } catch (error) {
    log(`[telemetry] ${name} could not start (${message(error)}); it stays off`);
    failed?.(message(error));
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
  await Promise.race([
    Promise.allSettled(promises),
    sleep(deadlineMs, undefined, { signal: deadline.signal }).catch(() => {}),
  ]);
  deadline.abort();
}

const off = (reason: Extract<PathStatus, { on: false }>['reason'], detail: string): PathStatus => ({
  on: false,
  reason,
  detail,
});
/** Switched off by a variable, or lacking what it needs. */
const offReason = (detail: string): Extract<PathStatus, { on: false }>['reason'] =>
  /^(OTEL_SDK_DISABLED|AWS_XRAY_SDK_ENABLED|CRUDDUR_XRAY_PIPELINE)=/.test(detail) ? 'disabled' : 'not-configured';

/** What the OTLP path's start-up line and record name as its target. */
function otlpTargetOf(config: Extract<TelemetryConfig['otel'], { enabled: true }>): PathTarget {
  const honeycomb = config.destination.startsWith('Honeycomb');
  const key = config.headers[HONEYCOMB_TEAM_HEADER];
  return {
    kind: honeycomb ? 'honeycomb' : 'otlp',
    address: config.tracesUrl,
    ...(key && { keyFingerprint: maskSecret(key) }),
    ...(honeycomb && { dataset: config.headers[HONEYCOMB_DATASET_HEADER] ?? config.serviceName }),
  };
}

export async function startTelemetry(
  config: TelemetryConfig,
  log: LogLine = (line) => console.log(line),
): Promise<Telemetry> {
  for (const warning of config.warnings) log(`[telemetry] ${warning}`);
  const { xray: xrayConfig, otel: otelConfig, rollbar: rollbarConfig, xrayOtlp: xrayOtlpConfig } = config;
  const recorder = config.diagnostics
    ? new DeliveryRecorder({
        name: otelConfig.enabled ? otelConfig.serviceName : 'backend-flask',
        xrayPipeline: config.xrayPipeline,
      })
    : undefined;
  const record: DeliveryReporter = recorder ?? NO_RECORD;
  const redactor = new Redactor();
  // Every export header may carry a credential (x-honeycomb-team, an Authorization), but the dataset.
  if (otelConfig.enabled)
    redactor.add(
      ...Object.entries(otelConfig.headers)
        .filter(([name]) => name !== HONEYCOMB_DATASET_HEADER)
        .map(([, value]) => value),
    );
  if (rollbarConfig.enabled) redactor.add(rollbarConfig.accessToken);

  // X-Ray, the seed's way: the X-Ray SDK, segments to the daemon.
  let xray: XrayRuntime | undefined;
  if (xrayConfig.enabled) {
    const onSegmentSent = recorder
      ? (await import('../diagnostics/xray-segments.js')).segmentRecorder(record)
      : undefined;
    xray = await attempt(
      'X-Ray',
      async () => (await import('./xray.js')).startXray(xrayConfig, onSegmentSent),
      log,
      (reason) => record.setPath('xray', off('failed-to-start', reason)),
    );
    if (xray) {
      const naming = xrayConfig.dynamicNamingPattern ? `, or the Host when it matches AWS_XRAY_URL` : '';
      log(
        `[telemetry] X-Ray: segments "${xrayConfig.segmentName}"${naming} → daemon ${xrayConfig.daemonAddress} (UDP); sampling rules from the daemon (TCP), else xray-sampling-rules.json`,
      );
      record.setPath('xray', {
        on: true,
        targets: [{ kind: 'xray-daemon', address: xrayConfig.daemonAddress, serviceName: xrayConfig.segmentName }],
        detail: 'X-Ray SDK (CRUDDUR_XRAY_PIPELINE=sdk): segments over UDP, which has no acknowledgement',
      });
    }
  } else if (!xrayOtlpConfig.enabled) {
    const reason = config.xrayPipeline === 'otel' ? xrayOtlpConfig.reason : xrayConfig.reason;
    log(`[telemetry] X-Ray off (${reason})`);
    record.setPath('xray', off(offReason(reason), reason));
  }

  // X-Ray through OpenTelemetry: signed OTLP to X-Ray, sampling rules from X-Ray's API.
  let xrayOtlpTarget: OtlpTarget | undefined;
  let xrayApiSampler: (Sampler & { stop(): void }) | undefined;
  if (xrayOtlpConfig.enabled) {
    const started = await attempt(
      'X-Ray (OpenTelemetry)',
      async () => {
        const [
          { createSigV4Signer, defaultCredentialSource, otlpRequestSigner },
          { createXrayApiSampler, samplingRulesFetch },
        ] = await Promise.all([import('./aws-sigv4.js'), import('./xray-api-sampler.js')]);
        const source = defaultCredentialSource();
        const first = await source();
        redactor.add(first.secretAccessKey, first.sessionToken);
        const credentials = async () => {
          const current = await source();
          redactor.add(current.secretAccessKey, current.sessionToken);
          return current;
        };
        const sign = createSigV4Signer({ region: xrayOtlpConfig.region, service: XRAY_SIGV4_SERVICE, credentials });
        const sampler = createXrayApiSampler({
          serviceName: xrayOtlpConfig.serviceName,
          fetchRules: samplingRulesFetch(xrayOtlpConfig.apiUrl, sign),
          onChange: (rules) => log(`[telemetry] X-Ray (OpenTelemetry): sampling by ${rules}`),
        });
        return {
          target: {
            path: 'xray',
            kind: 'xray-otlp',
            url: xrayOtlpConfig.tracesUrl,
            headers: {},
            sign: otlpRequestSigner(sign),
            serviceName: xrayOtlpConfig.serviceName,
          } satisfies OtlpTarget,
          sampler,
          accessKeyId: first.accessKeyId,
        };
      },
      log,
      (reason) =>
        record.setPath(
          'xray',
          off('failed-to-start', `no AWS credentials for X-Ray's OTLP endpoint: ${redactor.redact(reason)}`),
        ),
    );
    if (started) {
      xrayOtlpTarget = started.target;
      xrayApiSampler = started.sampler;
      log(
        `[telemetry] X-Ray (OpenTelemetry, no X-Ray SDK): spans as "${xrayOtlpConfig.serviceName}" → ${xrayOtlpConfig.tracesUrl} (OTLP/HTTP, SigV4 ${XRAY_SIGV4_SERVICE} ${xrayOtlpConfig.region}); sampling rules from X-Ray's API, else xray-sampling-rules.json`,
      );
      record.setPath('xray', {
        on: true,
        targets: [
          {
            kind: 'xray-otlp',
            address: xrayOtlpConfig.tracesUrl,
            region: xrayOtlpConfig.region,
            keyFingerprint: maskSecret(started.accessKeyId),
            serviceName: xrayOtlpConfig.serviceName,
          },
        ],
        detail: 'OpenTelemetry (CRUDDUR_XRAY_PIPELINE=otel): OTLP/HTTP to X-Ray, SigV4-signed; no daemon',
      });
    }
  }

  // OpenTelemetry: Honeycomb or an OTLP endpoint, and X-Ray's OTLP endpoint in the otel pipeline.
  let otel: OtelRuntime | undefined;
  const targets: OtlpTarget[] = [];
  if (otelConfig.enabled)
    targets.push({
      path: 'otel',
      kind: otlpTargetOf(otelConfig).kind,
      url: otelConfig.tracesUrl,
      headers: otelConfig.headers,
    });
  if (xrayOtlpTarget) targets.push(xrayOtlpTarget);
  if (targets.length > 0) {
    const serviceName = otelConfig.enabled
      ? otelConfig.serviceName
      : xrayOtlpConfig.enabled
        ? xrayOtlpConfig.serviceName
        : 'backend-flask';
    otel = await attempt(
      'OpenTelemetry',
      async () => {
        const [{ startOtel }, { createRootSampler }] = await Promise.all([
          import('./otel.js'),
          import('./sampling.js'),
        ]);
        const rules = xray?.rulesSampler ?? xrayApiSampler;
        return startOtel(
          { serviceName, targets, exportSettings: config.otlpExport, record, redact: redactor.redact },
          createRootSampler(config.rootSampler, rules),
        );
      },
      log,
      (reason) => {
        if (otelConfig.enabled) record.setPath('otel', off('failed-to-start', reason));
        if (xrayOtlpTarget) record.setPath('xray', off('failed-to-start', reason));
      },
    );
    if (!otel) xrayApiSampler?.stop();
  }
  if (otelConfig.enabled) {
    const { kind } = config.rootSampler;
    const xrayRules = xray !== undefined || xrayApiSampler !== undefined;
    const sampling = kind !== 'xray-rules' ? kind : xrayRules ? "X-Ray's rules" : 'always_on';
    if (otel) {
      log(
        `[telemetry] OpenTelemetry: spans of "${otelConfig.serviceName}" → ${otelConfig.destination}; sampling: the caller's decision, else ${sampling}`,
      );
      record.setPath('otel', {
        on: true,
        targets: [otlpTargetOf(otelConfig)],
        detail: `OTLP/HTTP protobuf; sampling: the caller's decision, else ${sampling}`,
      });
    }
  } else {
    log(`[telemetry] OpenTelemetry${otel ? ' to Honeycomb' : ''} off (${otelConfig.reason})`);
    record.setPath('otel', off(offReason(otelConfig.reason), otelConfig.reason));
  }

  let rollbar: RollbarRuntime | undefined;
  if (rollbarConfig.enabled) {
    const onItem = recorder
      ? (await import('../diagnostics/rollbar-items.js')).rollbarItemRecorder(record, redactor.redact)
      : undefined;
    rollbar = await attempt(
      'Rollbar',
      async () => (await import('./rollbar.js')).startRollbar(rollbarConfig, () => currentTraceId(xray), onItem),
      log,
      (reason) => record.setPath('rollbar', off('failed-to-start', reason)),
    );
    if (rollbar) {
      log(
        `[telemetry] Rollbar: items → ${rollbarConfig.endpoint} (environment ${rollbarConfig.environment}, code version ${rollbar.codeVersion ?? 'unknown'})`,
      );
      record.setPath('rollbar', {
        on: true,
        targets: [
          { kind: 'rollbar', address: rollbarConfig.endpoint, keyFingerprint: maskSecret(rollbarConfig.accessToken) },
        ],
        detail: `environment ${rollbarConfig.environment}`,
      });
    }
  } else {
    log(`[telemetry] Rollbar off (${rollbarConfig.reason})`);
    record.setPath('rollbar', off('not-configured', rollbarConfig.reason));
  }
  if (recorder)
    log(
      `[telemetry] delivery record: GET ${(await import('@cruddur/trace-contract')).DIAGNOSTICS_PATH} (CRUDDUR_DIAGNOSTICS=off turns it off)`,
    );

  const otelBridge = otel
    ? [
        (await import('./otel-trace-bridge.js')).createOtelTraceBridge({
          handToXray: xray !== undefined,
          record: recorder,
        }),
      ]
    : [];
  // In the otel pipeline X-Ray's subsegments are OpenTelemetry spans of the same names.
  const subsegment = xray?.subsegment ?? (xrayApiSampler && otel ? otel.span : untraced);
  return {
    hooks: {
      onRequest: otel ? [otel.serverSpan.start] : [],
      beforeRoutes: [...otelBridge, ...(xray?.beforeRoutes({ otel: otel !== undefined }) ?? [])],
      afterRoutes: [
        ...(xray ? [xray.closeSegment] : []),
        ...(otel ? [otel.serverSpan.recordError] : []),
        ...(rollbar ? [rollbar.errorReporter] : []),
      ],
    },
    reporter: rollbar?.reporter ?? SILENT_REPORTER,
    tracing: { span: otel?.span ?? untraced, subsegment },
    ...(recorder && { diagnostics: recorder }),
    reportCrash: (error) => rollbar?.reportCrash(error),
    shutdown: (deadlineMs) => {
      xrayApiSampler?.stop();
      return settleWithin(
        [otel?.shutdown(), rollbar?.flush()].filter((p) => p !== undefined),
        deadlineMs,
      );
    },
  };
}
