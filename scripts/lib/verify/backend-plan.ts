/**
 * Which destinations to prove, decided by the backend's own answer (its delivery record), and where
 * the backend and the toolkit's configuration disagree. Pure: the record and the config in, a plan
 * out; `plan.ts` turns it into destinations.
 */
import type { DeliveryRecord, PathStatus, PathTarget, XrayPipeline } from '@cruddur/trace-contract';
import type { Mode, ToolkitConfig } from '../config/parse.js';
import { ToolkitError } from '../errors.js';
import { fingerprintNote } from './delivery.js';
import { RESTART_FIX } from './fixes.js';

/** The toolkit's side of the comparison. */
export type ToolkitSide = Pick<ToolkitConfig, 'honeycomb' | 'rollbar' | 'xrayPipeline' | 'xrayPipelineExplicit'> & {
  region: string | undefined;
};

export type PlannedDestination =
  | { name: 'local' }
  | { name: 'xray'; pipeline: XrayPipeline; target: PathTarget; disagreement?: ToolkitError }
  | { name: 'honeycomb' | 'rollbar'; target: PathTarget; disagreement?: ToolkitError; credentialNote?: string }
  | { name: 'xray' | 'honeycomb' | 'rollbar'; pipeline?: XrayPipeline; refused: ToolkitError };

function targetOf(status: PathStatus, kind: PathTarget['kind']): PathTarget | undefined {
  return status.on ? status.targets.find((target) => target.kind === kind) : undefined;
}

function offReason(status: Extract<PathStatus, { on: false }>): string {
  return `${status.reason}${status.detail ? `: ${status.detail}` : ''}`;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The toolkit has a setting the backend lacks: the classic "the variable never reached the backend". */
function missingInBackend(status: PathStatus, variable: string, what: string): ToolkitError {
  if (status.on) {
    const addresses = status.targets.map((target) => target.address).join(', ');
    return new ToolkitError(
      `the backend's ${what} sends to ${addresses}, not to ${variable === 'HONEYCOMB_API_KEY' ? 'Honeycomb' : what}, though the toolkit has ${variable}`,
      "unset OTEL_EXPORTER_OTLP_ENDPOINT in the backend's environment (an explicit OTLP endpoint wins over the Honeycomb settings), then restart the stack (npm run down && npm run setup)",
    );
  }
  if (status.reason === 'not-configured') {
    return new ToolkitError(
      `the backend has no ${variable}, so ${what} is off in it; the variable never reached the backend (the toolkit has it)`,
      RESTART_FIX,
    );
  }
  const fix =
    status.reason === 'disabled'
      ? "remove the switch that turns it off from the backend's environment"
      : `read the backend's log for why ${what} failed to start and correct it`;
  return new ToolkitError(
    `${what} is off in the backend (${offReason(status)}), though the toolkit has ${variable}`,
    `${fix}, then restart the stack (npm run down && npm run setup)`,
  );
}

function disagreementOf(
  name: string,
  target: PathTarget,
  toolkitSecret: string | undefined,
  variable: string,
  toolkitAddress: string | undefined,
  addressVariable: string,
): { disagreement?: ToolkitError; credentialNote?: string } {
  const note = fingerprintNote(target, toolkitSecret, variable);
  if (note !== undefined)
    return {
      credentialNote: note,
      disagreement: new ToolkitError(
        `${name}: ${note}, so the backend's data goes where the toolkit does not look`,
        RESTART_FIX,
      ),
    };
  if (toolkitAddress !== undefined && origin(toolkitAddress) !== origin(target.address)) {
    return {
      disagreement: new ToolkitError(
        `${name}: the backend sends to ${origin(target.address)}, the toolkit's ${addressVariable} is ${origin(toolkitAddress)}`,
        RESTART_FIX,
      ),
    };
  }
  return {};
}

function planHoneycomb(record: DeliveryRecord, toolkit: ToolkitSide): PlannedDestination[] {
  const target = targetOf(record.paths.otel, 'honeycomb');
  if (target === undefined) {
    return toolkit.honeycomb
      ? [{ name: 'honeycomb', refused: missingInBackend(record.paths.otel, 'HONEYCOMB_API_KEY', 'OpenTelemetry') }]
      : [];
  }
  return [
    {
      name: 'honeycomb',
      target,
      ...disagreementOf(
        'Honeycomb',
        target,
        toolkit.honeycomb?.apiKey,
        'HONEYCOMB_API_KEY',
        toolkit.honeycomb?.endpoint,
        'HONEYCOMB_API_ENDPOINT',
      ),
    },
  ];
}

function planRollbar(record: DeliveryRecord, toolkit: ToolkitSide): PlannedDestination[] {
  const target = targetOf(record.paths.rollbar, 'rollbar');
  if (target === undefined) {
    return toolkit.rollbar
      ? [{ name: 'rollbar', refused: missingInBackend(record.paths.rollbar, 'ROLLBAR_ACCESS_TOKEN', 'Rollbar') }]
      : [];
  }
  return [
    {
      name: 'rollbar',
      target,
      ...disagreementOf(
        'Rollbar',
        target,
        toolkit.rollbar?.token,
        'ROLLBAR_ACCESS_TOKEN',
        toolkit.rollbar?.endpoint,
        'ROLLBAR_ENDPOINT',
      ),
    },
  ];
}

function planXray(record: DeliveryRecord, toolkit: ToolkitSide): PlannedDestination {
  const pipeline = record.xrayPipeline;
  if (toolkit.xrayPipelineExplicit && toolkit.xrayPipeline !== pipeline) {
    return {
      name: 'xray',
      pipeline,
      refused: new ToolkitError(
        `the backend runs the ${pipeline} X-Ray pipeline, the toolkit has CRUDDUR_XRAY_PIPELINE=${toolkit.xrayPipeline}`,
        RESTART_FIX,
      ),
    };
  }
  const status = record.paths.xray;
  const target = targetOf(status, pipeline === 'sdk' ? 'xray-daemon' : 'xray-otlp');
  if (target === undefined) {
    const why = status.on ? `it sends to ${status.targets.map((t) => t.address).join(', ')}` : offReason(status);
    const what =
      pipeline === 'sdk' ? "the backend's X-Ray SDK is off" : "the backend's X-Ray through OpenTelemetry is off";
    const fix =
      !status.on && status.reason === 'disabled'
        ? "unset AWS_XRAY_SDK_ENABLED in the backend's environment, then restart the stack (npm run down && npm run setup)"
        : pipeline === 'otel'
          ? `give the backend AWS credentials and AWS_REGION: ${RESTART_FIX}`
          : RESTART_FIX;
    return { name: 'xray', pipeline, refused: new ToolkitError(`${what} (${why}), and cloud mode proves X-Ray`, fix) };
  }
  if (
    pipeline === 'otel' &&
    toolkit.region !== undefined &&
    target.region !== undefined &&
    target.region !== toolkit.region
  ) {
    return {
      name: 'xray',
      pipeline,
      target,
      disagreement: new ToolkitError(
        `X-Ray: the backend sends spans to region ${target.region}, the toolkit verifies in AWS_REGION=${toolkit.region}`,
        `use one AWS_REGION for both: ${RESTART_FIX}`,
      ),
    };
  }
  return { name: 'xray', pipeline, target };
}

export function planFromRecord(record: DeliveryRecord, mode: Mode, toolkit: ToolkitSide): PlannedDestination[] {
  if (mode === 'local') return [{ name: 'local' }];
  return [planXray(record, toolkit), ...planHoneycomb(record, toolkit), ...planRollbar(record, toolkit)];
}
