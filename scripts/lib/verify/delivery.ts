/**
 * The backend's own exports of one trace, judged from its delivery record: delivered (the target's
 * ingest API accepted enough of this trace), still pending, or broken at a named link. Pure: the
 * destinations poll the record and call these.
 */
import {
  maskSecret,
  type DeliveryRecord,
  type ExportRecord,
  type PathStatus,
  type PathTarget,
  type TelemetryPathName,
  type TraceDelivery,
} from '@cruddur/trace-contract';
import { ToolkitError } from '../errors.js';
import { BACKEND_LOG_HINT } from './fixes.js';
import type { SentRequest } from './types.js';

export interface ExportExpectation {
  path: TelemetryPathName;
  target: PathTarget;
  /** As users know the target: `Honeycomb`, `Rollbar`, `X-Ray's OTLP endpoint`. */
  label: string;
  /** Spans of this trace accepted (OTLP), or items accepted with a uuid (Rollbar). */
  unit: 'spans' | 'items';
  minimum: number;
  /** The fix when the target refuses the backend's credentials (401/403). */
  credentialFix: string;
  /** Said after a refused credential, e.g. that the toolkit holds another key. */
  credentialNote?: string;
}

export type ExportVerdict =
  | { state: 'delivered'; accepted: ExportRecord[] }
  | { state: 'pending'; progress: string; transient: ExportRecord | undefined }
  | { state: 'broken'; error: ToolkitError };

/** OTel spans verify-traces expects of its requests: a server span each, plus the named children. */
export function expectedSpanCount(sent: readonly SentRequest[]): number {
  return sent.reduce((count, { request }) => count + 1 + request.spans.length, 0);
}

export function expectedItemCount(sent: readonly SentRequest[]): number {
  return sent.filter(({ request }) => request.reported).length;
}

function statusText(record: ExportRecord): string {
  const reason = record.error ?? 'no reason given';
  if (record.status === undefined) return reason;
  // The backend's reason may already start with the status.
  const detail = record.error?.replace(new RegExp(`^HTTP ${record.status}:?\\s*`), '');
  return `HTTP ${record.status}${detail ? ` (${detail})` : ''}`;
}

/** 401/403; Rollbar's client gives no status, only its `err` message. */
function isCredentialRefusal(record: ExportRecord): boolean {
  if (record.status !== undefined) return record.status === 401 || record.status === 403;
  return /access token|unauthori[sz]ed|forbidden/i.test(record.error ?? '');
}

/** A status the exporter may still get past by retrying. */
function isTransient(record: ExportRecord): boolean {
  if (record.outcome === 'failed') return true;
  return (
    record.outcome === 'refused' && (record.status === 429 || record.status === 408 || (record.status ?? 0) >= 500)
  );
}

export function sampledOut(traceId: string): ToolkitError {
  return new ToolkitError(
    `the backend sampled out trace ${traceId} although it was sent with Sampled=1, so it exported nothing`,
    'the backend must keep an incoming sampling decision (X-Ray: no sampling override for traced requests; OTel: a parentbased sampler, the default)',
  );
}

function refusedError(record: ExportRecord, expect: ExportExpectation): ToolkitError {
  const refused = `${expect.label} refused the backend's export with ${statusText(record)}`;
  if (isCredentialRefusal(record)) {
    const which =
      expect.credentialNote ??
      (expect.target.keyFingerprint ? `the backend's is ${expect.target.keyFingerprint}` : undefined);
    return new ToolkitError(
      `${refused}: the backend holds a wrong key${which ? ` (${which})` : ''}`,
      expect.credentialFix,
    );
  }
  return new ToolkitError(
    `${refused}, so the trace was not taken`,
    `check the address the backend sends to (${expect.target.address}); ${BACKEND_LOG_HINT} has the exporter's error`,
  );
}

/** Judges one moment of the record; the first broken link wins, in the order of the troubleshooting ladder. */
export function judgeExports(trace: TraceDelivery | undefined, expect: ExportExpectation): ExportVerdict {
  const exports = (trace?.exports ?? []).filter(
    (record) => record.path === expect.path && record.target === expect.target.kind,
  );
  const accepted = exports.filter((record) => record.outcome === 'accepted');
  const count =
    expect.unit === 'spans'
      ? accepted.reduce((sum, record) => sum + (record.spans ?? 0), 0)
      : accepted.filter((record) => record.uuid).length;
  if (count >= expect.minimum) return { state: 'delivered', accepted };

  for (const record of exports) {
    if (record.outcome === 'partially-rejected') {
      return {
        state: 'broken',
        error: new ToolkitError(
          `${expect.label} accepted the backend's export but rejected ${record.rejectedSpans ?? '?'} of its ${record.spans ?? '?'} spans${record.error ? ` (${record.error})` : ''}`,
          `${BACKEND_LOG_HINT} names the rejected spans; spans more than a day old or with malformed attributes are refused`,
        ),
      };
    }
    if (record.outcome === 'dropped') {
      return {
        state: 'broken',
        error: new ToolkitError(
          `the backend dropped its export to ${expect.label} before sending it${record.error ? ` (${record.error})` : ''}`,
          `${BACKEND_LOG_HINT} says why (a full queue under load, or a span too large)`,
        ),
      };
    }
    if (record.outcome === 'refused' && !isTransient(record))
      return { state: 'broken', error: refusedError(record, expect) };
  }
  if (trace?.sampled === false) return { state: 'broken', error: sampledOut(trace.traceId) };
  const progress =
    trace === undefined
      ? 'the backend records no export of the trace yet'
      : `${count} of ${expect.minimum} ${expect.unit} accepted so far`;
  return { state: 'pending', progress, transient: exports.filter(isTransient).at(-1) };
}

/** Why a destination was never delivered to, once the deadline passed: the last transient failure, else what is missing. */
export function undeliveredError(
  verdict: Extract<ExportVerdict, { state: 'pending' }>,
  expect: ExportExpectation,
  seconds: number,
): ToolkitError {
  const transient = verdict.transient;
  if (transient?.outcome === 'failed') {
    return new ToolkitError(
      `the backend's exporter cannot reach ${expect.label} at ${expect.target.address} (${transient.error ?? 'no answer'})`,
      "check the backend's network, DNS or proxy, and the endpoint variable it was given",
    );
  }
  if (transient?.status === 429) {
    return new ToolkitError(
      `${expect.label} is throttling the backend's exports (${statusText(transient)})`,
      "wait a minute and rerun; if it persists, send less (raise sampling only where needed) or check your plan's limits",
    );
  }
  if (transient !== undefined) {
    return new ToolkitError(
      `${expect.label} keeps failing the backend's exports (${statusText(transient)})`,
      `retry in a minute; if it persists check ${expect.target.address} and the service's status page`,
    );
  }
  return new ToolkitError(
    `${expect.label} has not accepted the backend's export of the trace within ${seconds} s: ${verdict.progress}`,
    `${BACKEND_LOG_HINT} says what its exporter did`,
  );
}

/** `the toolkit has hcaik_…7f3a`, when the toolkit's secret differs from the backend's. */
export function fingerprintNote(
  target: PathTarget,
  toolkitSecret: string | undefined,
  variable: string,
): string | undefined {
  if (toolkitSecret === undefined || target.keyFingerprint === undefined) return undefined;
  const toolkit = maskSecret(toolkitSecret);
  return toolkit === target.keyFingerprint
    ? undefined
    : `the backend's ${variable} is ${target.keyFingerprint}, the toolkit's is ${toolkit}`;
}

/** Nothing listens at the daemon's address: its TCP port refused, or the backend's connected UDP socket learned so. */
export function daemonNotReceiving(address: string, failure: string): ToolkitError {
  return new ToolkitError(
    `the X-Ray daemon at ${address} is not receiving (${failure}): the backend hands its segments to that address and nothing listens there`,
    "start it with npm run up (cloud mode runs amazon/aws-xray-daemon in compose), and point the backend's AWS_XRAY_DAEMON_ADDRESS at it",
  );
}

export type SegmentVerdict =
  | { state: 'handed-over'; names: string[] }
  | { state: 'pending'; progress: string }
  | { state: 'broken'; error: ToolkitError };

/** X-Ray SDK → daemon: UDP has no acknowledgement, so the most the record can say is "handed over". */
export function judgeSegments(
  trace: TraceDelivery | undefined,
  sent: readonly SentRequest[],
  daemon: PathTarget,
): SegmentVerdict {
  const exports = (trace?.exports ?? []).filter((record) => record.path === 'xray' && record.target === 'xray-daemon');
  const handedOver = exports.filter((record) => record.outcome === 'handed-over');
  if (handedOver.length >= sent.length)
    return { state: 'handed-over', names: handedOver.flatMap((record) => record.names ?? []) };
  const dropped = exports.find((record) => record.outcome === 'dropped' || record.outcome === 'failed');
  if (dropped?.error === 'ECONNREFUSED')
    return { state: 'broken', error: daemonNotReceiving(daemon.address, dropped.error) };
  if (dropped) {
    return {
      state: 'broken',
      error: new ToolkitError(
        `the backend could not hand its X-Ray segment to the daemon at ${daemon.address} (${dropped.error ?? dropped.outcome})`,
        `check the backend's AWS_XRAY_DAEMON_ADDRESS resolves from where it runs; ${BACKEND_LOG_HINT} has the error`,
      ),
    };
  }
  if (trace?.sampled === false) return { state: 'broken', error: sampledOut(trace.traceId) };
  return {
    state: 'pending',
    progress:
      trace === undefined
        ? 'the backend records no segment of the trace yet'
        : `${handedOver.length} of ${sent.length} segments handed over so far`,
  };
}

/**
 * The first broken link the record shows for any target the backend sends to, or a transient failure
 * it keeps hitting; undefined when the record shows nothing wrong (the gap is then further along).
 */
export function firstBrokenLink(
  trace: TraceDelivery | undefined,
  paths: DeliveryRecord['paths'],
  sent: readonly SentRequest[],
  label: string,
): ToolkitError | undefined {
  for (const [path, status] of Object.entries(paths) as Array<[TelemetryPathName, PathStatus]>) {
    for (const target of status.on ? status.targets : []) {
      if (target.kind === 'xray-daemon') {
        const verdict = judgeSegments(trace, sent, target);
        if (verdict.state === 'broken') return verdict.error;
        continue;
      }
      const items = target.kind === 'rollbar';
      const expect: ExportExpectation = {
        path,
        target,
        label,
        unit: items ? 'items' : 'spans',
        minimum: items ? expectedItemCount(sent) : expectedSpanCount(sent),
        credentialFix: `${BACKEND_LOG_HINT} names the refused credential`,
      };
      const verdict = judgeExports(trace, expect);
      if (verdict.state === 'broken') return verdict.error;
      if (verdict.state === 'pending' && verdict.transient) return undeliveredError(verdict, expect, 0);
    }
  }
  return undefined;
}
