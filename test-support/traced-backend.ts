/**
 * The real backend process with its telemetry preloaded and all three paths pointed at local fakes:
 * the OTLP receiver as Honeycomb, the UDP receiver as the X-Ray daemon, the Rollbar API. Telemetry
 * variables inherited from the caller's shell are cleared, so only `env` decides what is on.
 */
import { startBackendProcess, type BackendProcess } from './backend-process.js';
import { startOtlpReceiver, type OtlpReceiver, type OtlpReceiverOptions } from './fakes/otlp-receiver.js';
import { startFakeRollbarApi, type FakeRollbarApi, type FakeRollbarOptions } from './fakes/rollbar-api.js';
import { startXrayUdpReceiver, type XrayUdpReceiver, type XrayUdpReceiverOptions } from './fakes/xray-udp-receiver.js';

/** Shaped like real ones (an environment ingest key, a 32-hex Rollbar token); obviously fake. */
export const FAKE_HONEYCOMB_KEY = 'hcaik_01EXAMPLEfakefakefakefakefakefakefakefakefakefakefakefakefakefake';
export const FAKE_ROLLBAR_TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
export const FAKE_GIT_COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** Every variable the backend's telemetry reads, cleared unless a test sets it. */
const TELEMETRY_VARIABLES = [
  'HONEYCOMB_API_KEY',
  'HONEYCOMB_API_ENDPOINT',
  'HONEYCOMB_SERVICE_NAME',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_SDK_DISABLED',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'AWS_XRAY_SDK_ENABLED',
  'AWS_XRAY_DAEMON_ADDRESS',
  'AWS_XRAY_URL',
  'AWS_XRAY_CONTEXT_MISSING',
  'AWS_XRAY_TRACING_NAME',
  'ROLLBAR_ACCESS_TOKEN',
  'ROLLBAR_ENVIRONMENT',
  'ROLLBAR_ENDPOINT',
  'GIT_COMMIT',
  'CRUDDUR_XRAY_PIPELINE',
  'CRUDDUR_DIAGNOSTICS',
  'NODE_ENV',
  'AWS_ENDPOINT_URL_XRAY',
  'AWS_ENDPOINT_URL',
  'OTEL_EXPORTER_OTLP_TIMEOUT',
  'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
  'OTEL_EXPORTER_OTLP_COMPRESSION',
  'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
];

export interface TracedBackend {
  backend: BackendProcess;
  otlp: OtlpReceiver;
  xray: XrayUdpReceiver;
  rollbar: FakeRollbarApi;
  /** `fetch` on the backend. */
  request(path: string, headers?: Record<string, string>): Promise<Response>;
  /** SIGTERMs the backend (if still running), then stops the fakes. */
  stop(): Promise<void>;
}

export interface TracedBackendOptions {
  /** On top of the fakes' settings; a variable set to `undefined` is removed. */
  env?: Record<string, string | undefined>;
  xray?: XrayUdpReceiverOptions;
  otlp?: OtlpReceiverOptions;
  rollbar?: FakeRollbarOptions;
  /** Replaces `node --import tsx src/start.ts`; run in `cwd`. */
  command?: string[];
  /** Another source entry for the default command (APP_WITHOUT_TELEMETRY: no telemetry at all). */
  entry?: string;
  cwd?: string;
  /** How long the backend may take to listen (a loaded machine compiles it slowly); default that of startBackendProcess. */
  startTimeoutMs?: number;
}

export async function startTracedBackend(options: TracedBackendOptions = {}): Promise<TracedBackend> {
  const [otlp, xray, rollbar] = await Promise.all([
    startOtlpReceiver(options.otlp),
    startXrayUdpReceiver(options.xray),
    startFakeRollbarApi(options.rollbar),
  ]);
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(TELEMETRY_VARIABLES.map((name) => [name, undefined])),
    HONEYCOMB_API_KEY: FAKE_HONEYCOMB_KEY,
    HONEYCOMB_API_ENDPOINT: otlp.url,
    AWS_XRAY_DAEMON_ADDRESS: xray.address,
    ROLLBAR_ACCESS_TOKEN: FAKE_ROLLBAR_TOKEN,
    ROLLBAR_ENDPOINT: rollbar.endpoint,
    GIT_COMMIT: FAKE_GIT_COMMIT,
    // Export batches quickly, so tests wait less; the queue bounds stay the SDK's.
    OTEL_BSP_SCHEDULE_DELAY: '200',
    ...options.env,
  };
  const stopFakes = () => Promise.all([otlp.stop(), xray.stop(), rollbar.stop()]);
  let backend: BackendProcess;
  try {
    backend = await startBackendProcess({
      env,
      ...(options.command && { command: options.command }),
      ...(options.entry && { entry: options.entry }),
      ...(options.cwd && { cwd: options.cwd }),
      ...(options.startTimeoutMs && { startTimeoutMs: options.startTimeoutMs }),
    });
  } catch (err) {
    await stopFakes();
    throw err;
  }
  return {
    backend,
    otlp,
    xray,
    rollbar,
    request: (path, headers = {}) => fetch(`${backend.url}${path}`, { headers }),
    stop: async () => {
      await backend.stop();
      await stopFakes();
    },
  };
}
