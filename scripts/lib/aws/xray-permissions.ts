/**
 * What the credentials that send to X-Ray must allow, per pipeline: `sdk`, the daemon's (it puts the
 * segments and proxies the SDK's sampling calls); `otel`, the backend's own (it signs its OTLP export to
 * X-Ray's endpoint and reads the sampling rules from X-Ray's API).
 */
import type { XrayPipeline } from '@cruddur/trace-contract';

export interface XrayPermissions {
  /** Whose credentials: the daemon's or the backend's. */
  holder: string;
  actions: readonly string[];
  /** A managed policy that grants them all, where one exists. */
  managedPolicy: string | undefined;
}

const SAMPLING = ['xray:GetSamplingRules', 'xray:GetSamplingTargets'] as const;

export const XRAY_PERMISSIONS: Readonly<Record<XrayPipeline, XrayPermissions>> = Object.freeze({
  sdk: {
    holder: "the X-Ray daemon's credentials",
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', ...SAMPLING],
    managedPolicy: 'AWSXRayDaemonWriteAccess',
  },
  otel: {
    holder: "the backend's AWS credentials",
    actions: ['xray:PutSpans', 'xray:PutSpansForIndexing', ...SAMPLING],
    managedPolicy: undefined,
  },
});

/** `CRUDDUR_XRAY_PIPELINE=sdk: the X-Ray daemon's credentials must allow …`. */
export function describeXrayPermissions(pipeline: XrayPipeline): string {
  const { holder, actions, managedPolicy } = XRAY_PERMISSIONS[pipeline];
  return `CRUDDUR_XRAY_PIPELINE=${pipeline}: ${holder} must allow ${actions.join(', ')}${managedPolicy ? ` (the ${managedPolicy} managed policy has them)` : ''}`;
}
