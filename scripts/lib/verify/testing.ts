/** Delivery records for the decision tables of verify-traces' tests: a fully configured cloud backend, varied per row. */
import type { DeliveryRecord, ExportRecord, PathStatus, PathTarget, TraceDelivery } from '@cruddur/trace-contract';
import { TAGGED_REQUESTS } from './requests.js';
import type { SentRequest } from './types.js';

export const TOOLKIT_HONEYCOMB_KEY = 'hcaik_01EXAMPLEj0fakefakefakefakefakefakefakefakefakefakefake7f3a';
export const TOOLKIT_ROLLBAR_TOKEN = 'f00dfacef00dfacef00dfacef00d7e57';

export const TARGETS = Object.freeze({
  honeycomb: {
    kind: 'honeycomb',
    address: 'https://api.honeycomb.io/v1/traces',
    keyFingerprint: 'hcaik_…7f3a',
    dataset: 'backend-flask',
  },
  rollbar: { kind: 'rollbar', address: 'https://api.rollbar.com/api/1/item/', keyFingerprint: '…7e57' },
  daemon: { kind: 'xray-daemon', address: '127.0.0.1:2000' },
  xrayOtlp: { kind: 'xray-otlp', address: 'https://xray.us-east-1.amazonaws.com/v1/traces', region: 'us-east-1' },
} satisfies Record<string, PathTarget>);

export const on = (...targets: PathTarget[]): PathStatus => ({ on: true, targets, detail: 'on' });
export const off = (reason: 'not-configured' | 'disabled' | 'failed-to-start', detail = ''): PathStatus => ({
  on: false,
  reason,
  detail,
});

export function deliveryRecord(
  overrides: Omit<Partial<DeliveryRecord>, 'paths'> & { paths?: Partial<DeliveryRecord['paths']> } = {},
): DeliveryRecord {
  return {
    version: 1,
    service: { name: 'backend-flask', pid: 1, startedAt: '2026-11-29T17:00:00.000Z' },
    xrayPipeline: 'sdk',
    traces: [],
    limit: 200,
    ...overrides,
    paths: { otel: on(TARGETS.honeycomb), xray: on(TARGETS.daemon), rollbar: on(TARGETS.rollbar), ...overrides.paths },
  };
}

export const SENT: SentRequest[] = TAGGED_REQUESTS.map((request) => ({
  request,
  status: request.status,
  spanId: undefined,
}));

export function exportOf(
  fields: Partial<ExportRecord> & Pick<ExportRecord, 'path' | 'target' | 'outcome'>,
): ExportRecord {
  return { at: '2026-11-29T17:00:01.000Z', ...fields };
}

export function traceWith(exports: ExportRecord[], sampled = true): TraceDelivery {
  return {
    traceId: '1-6929a8c0-0123456789abcdef01234567',
    otelTraceId: '6929a8c00123456789abcdef01234567',
    sampled,
    exports,
  };
}
