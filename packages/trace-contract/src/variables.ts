/**
 * The variables the toolkit reads and persists (`load-env`), in one table: the docs, `.env`,
 * compose and Gitpod all follow it. `secret` values are never printed.
 */
export interface VariableSpec {
  name: string;
  secret: boolean;
  description: string;
}

export const TOOLKIT_VARIABLES: readonly VariableSpec[] = Object.freeze([
  { name: 'AWS_ACCESS_KEY_ID', secret: false, description: 'AWS access key id (or use a profile / SSO)' },
  { name: 'AWS_SECRET_ACCESS_KEY', secret: true, description: 'AWS secret access key' },
  { name: 'AWS_SESSION_TOKEN', secret: true, description: 'AWS session token, for temporary credentials' },
  { name: 'AWS_REGION', secret: false, description: 'the one region of the daemon, group, rule and verification' },
  { name: 'HONEYCOMB_API_KEY', secret: true, description: 'Honeycomb ingest key (x-honeycomb-team)' },
  {
    name: 'HONEYCOMB_QUERY_KEY',
    secret: true,
    description:
      'optional Honeycomb configuration key with "Run Queries" (Enterprise): verify-traces finds the backend\'s spans',
  },
  {
    name: 'HONEYCOMB_API_ENDPOINT',
    secret: false,
    description: 'https://api.honeycomb.io, or https://api.eu1.honeycomb.io',
  },
  { name: 'OTEL_SERVICE_NAME', secret: false, description: 'service.name of the backend (Honeycomb dataset)' },
  { name: 'ROLLBAR_ACCESS_TOKEN', secret: true, description: 'Rollbar post_server_item token' },
  {
    name: 'ROLLBAR_READ_TOKEN',
    secret: true,
    description: "optional Rollbar read token: verify-traces reads the backend's item back",
  },
  { name: 'ROLLBAR_ENVIRONMENT', secret: false, description: 'Rollbar environment (default development)' },
  { name: 'AWS_XRAY_URL', secret: false, description: 'X-Ray dynamic naming pattern for the segment name' },
  {
    name: 'CRUDDUR_XRAY_PIPELINE',
    secret: false,
    description:
      "how spans reach X-Ray: sdk (default; X-Ray SDK to the daemon) or otel (OpenTelemetry to X-Ray's OTLP endpoint, SigV4; no daemon)",
  },
  { name: 'FRONTEND_URL', secret: false, description: 'CORS origin of the frontend' },
  { name: 'BACKEND_URL', secret: false, description: 'CORS origin of the backend; verify-traces target' },
]);

export const SECRET_NAMES: ReadonlySet<string> = new Set(TOOLKIT_VARIABLES.filter((v) => v.secret).map((v) => v.name));
