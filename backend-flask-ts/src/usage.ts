/** What `node <backend dir> --help` prints: how to start the backend and the variables it reads. */
import { DEFAULTS, DIAGNOSTICS_PATH, DIAGNOSTICS_VARIABLE } from '@cruddur/trace-contract';

export function backendUsage(): string {
  return `The Cruddur API (week 2) with OpenTelemetry, AWS X-Ray and Rollbar.

Usage: node <backend dir>   (in backend-flask-ts: node . or npm start; from the repository root: npm run backend)

Configured by environment variables only:
  PORT                            where it listens (default ${DEFAULTS.backendPort}; 0 picks a free port)
  FRONTEND_URL, BACKEND_URL       CORS origins for /api/* (* allows any)
  HONEYCOMB_API_KEY               OpenTelemetry spans to Honeycomb (HONEYCOMB_API_ENDPOINT, default ${DEFAULTS.honeycombEndpoint})
  OTEL_EXPORTER_OTLP_ENDPOINT     or spans to any OTLP/HTTP endpoint (with OTEL_EXPORTER_OTLP_HEADERS)
  OTEL_SERVICE_NAME               service.name (default ${DEFAULTS.serviceName}); OTEL_SDK_DISABLED=true turns OpenTelemetry off
  AWS_XRAY_DAEMON_ADDRESS         the X-Ray daemon (default ${DEFAULTS.xrayDaemonAddress}); AWS_XRAY_SDK_ENABLED=false turns X-Ray off
  CRUDDUR_XRAY_PIPELINE           sdk (default: X-Ray SDK to the daemon) or otel (OpenTelemetry to X-Ray's OTLP endpoint; AWS_REGION)
  ROLLBAR_ACCESS_TOKEN            Rollbar on (ROLLBAR_ENVIRONMENT, default ${DEFAULTS.rollbarEnvironment}; ROLLBAR_ENDPOINT)
  ${DIAGNOSTICS_VARIABLE.padEnd(32)}on|off: GET ${DIAGNOSTICS_PATH}, what it sends where (default on, off under NODE_ENV=production)

SIGTERM or SIGINT: finish the requests in flight, flush telemetry, exit 0.`;
}
