/**
 * X-Ray, in the pipeline the backend runs. `sdk`: the record shows the segments handed to the daemon;
 * the daemon's port must answer; then GetTraceSummaries lists the trace and BatchGetTraces holds its
 * segment and subsegment names (`stored`); when it never does, the daemon's log names what AWS
 * refused. `otel`: the record shows X-Ray's OTLP endpoint accepted the backend's signed export
 * (`delivered`), and `stored` when BatchGetTraces already finds the trace.
 */
import { BatchGetTracesCommand, GetTraceSummariesCommand, type XRayClient } from '@aws-sdk/client-xray';
import {
  formatHostPort,
  parseDaemonAddress,
  xrayConsoleLink,
  type HostPort,
  type PathTarget,
  type XrayPipeline,
  type XraySegment,
} from '@cruddur/trace-contract';
import { xrayTree, type TraceNode } from '@cruddur/inspector';
import { awsCallContext, callAws } from '../../aws/errors.js';
import { XRAY_PERMISSIONS } from '../../aws/xray-permissions.js';
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import { probeTcp } from '../daemon.js';
import { daemonLogCause } from '../daemon-log.js';
import { daemonNotReceiving, expectedSpanCount, judgeSegments, type SegmentVerdict } from '../delivery.js';
import { xrayGaps } from '../expectations.js';
import { BACKEND_LOG_HINT, RESTART_FIX } from '../fixes.js';
import { pollUntil } from '../poll.js';
import type { Confirmation, Destination, TraceProbe } from '../types.js';
import { proveDelivered } from './exports.js';

export interface XraySettings {
  config: ToolkitConfig;
  client: XRayClient;
  pipeline: XrayPipeline;
  /** Where the backend sends: the daemon (`sdk`) or X-Ray's OTLP endpoint (`otel`). */
  target: PathTarget;
  disagreement?: ToolkitError;
  xrayUrlPattern: string | undefined;
  /** The daemon container's latest log lines, when compose runs one. */
  readDaemonLog(): Promise<string | undefined>;
}

/** Summaries are searched from a minute before sending (clock skew) to a minute past now. */
const WINDOW_S = 60;

const OTLP_REFUSED_FIX = `allow ${XRAY_PERMISSIONS.otel.actions.join(', ')} for ${XRAY_PERMISSIONS.otel.holder}, and turn on Transaction Search (npm run xray-resources -- --enable-transaction-search), then ${RESTART_FIX}`;

function daemonTcp(target: PathTarget): HostPort {
  const address = parseDaemonAddress(target.address);
  if (!address)
    throw new ToolkitError(
      `the backend names a daemon address the toolkit cannot read (${target.address})`,
      'set AWS_XRAY_DAEMON_ADDRESS to host:port, e.g. 127.0.0.1:2000, then restart the stack (npm run down && npm run setup)',
    );
  return address.tcp;
}

async function checkDaemon(daemon: HostPort): Promise<void> {
  const failure = await probeTcp(daemon);
  if (failure === undefined) return;
  // Compose's service name (xray-daemon:2000) only resolves inside the stack; from here its port is published on localhost.
  if (
    (failure === 'ENOTFOUND' || failure === 'EAI_AGAIN') &&
    (await probeTcp({ host: '127.0.0.1', port: daemon.port })) === undefined
  )
    return;
  throw daemonNotReceiving(formatHostPort(daemon), failure);
}

async function isListed(settings: XraySettings, probe: TraceProbe): Promise<boolean> {
  const nowS = Math.floor(Date.now() / 1000);
  let nextToken: string | undefined;
  do {
    const page = await callAws(awsCallContext(settings.config, 'xray', 'GetTraceSummaries'), () =>
      settings.client.send(
        new GetTraceSummariesCommand({
          StartTime: new Date((Math.floor(probe.sentAtMs / 1000) - WINDOW_S) * 1000),
          EndTime: new Date((nowS + WINDOW_S) * 1000),
          NextToken: nextToken,
        }),
      ),
    );
    if ((page.TraceSummaries ?? []).some((summary) => summary.Id === probe.traceId)) return true;
    nextToken = page.NextToken;
  } while (nextToken);
  return false;
}

async function segmentTree(settings: XraySettings, traceId: string): Promise<TraceNode[]> {
  const answer = await callAws(awsCallContext(settings.config, 'xray', 'BatchGetTraces'), () =>
    settings.client.send(new BatchGetTracesCommand({ TraceIds: [traceId] })),
  );
  const documents = (answer.Traces ?? [])
    .flatMap((trace) => trace.Segments ?? [])
    .map((segment) => JSON.parse(segment.Document ?? '{}') as XraySegment);
  return xrayTree(documents);
}

async function waitForHandOver(probe: TraceProbe, daemon: PathTarget): Promise<void> {
  let verdict: SegmentVerdict = { state: 'pending', progress: 'the backend was not asked yet' };
  const outcome = await pollUntil(async () => {
    verdict = judgeSegments(await probe.readDelivery(), probe.sent, daemon);
    if (verdict.state === 'broken') throw verdict.error;
    return verdict.state === 'handed-over' ? true : undefined;
  }, probe.sentAtMs + probe.timeoutMs);
  if (outcome.found) return;
  const progress = verdict.state === 'pending' ? verdict.progress : String(outcome.lastError);
  throw new ToolkitError(
    `the backend handed no complete X-Ray trace to the daemon within ${Math.round(probe.timeoutMs / 1000)} s: ${progress}`,
    `${BACKEND_LOG_HINT} says what its X-Ray SDK did`,
  );
}

async function proveSdk(settings: XraySettings, probe: TraceProbe): Promise<Confirmation> {
  await waitForHandOver(probe, settings.target);
  await checkDaemon(daemonTcp(settings.target));
  const region = settings.config.aws.region ?? '(no region)';
  let listed = false;
  let gaps: string[] = [];
  const outcome = await pollUntil(async () => {
    listed ||= await isListed(settings, probe);
    if (!listed) return undefined;
    gaps = xrayGaps(await segmentTree(settings, probe.traceId), probe.sent, settings.xrayUrlPattern);
    return gaps.length === 0 ? true : undefined;
  }, probe.sentAtMs + probe.timeoutMs);
  if (outcome.found) return { proof: 'stored', link: xrayConsoleLink(region, probe.traceId) };
  if (listed)
    throw new ToolkitError(
      `X-Ray has trace ${probe.traceId} but ${gaps.join('; ')}`,
      "the backend's X-Ray instrumentation must create the segment and subsegments the API doc names (see issue 3)",
    );
  const refusal = daemonLogCause(await settings.readDaemonLog());
  if (refusal) throw refusal;
  throw new ToolkitError(
    `X-Ray in ${region} has not stored trace ${probe.traceId} after ${Math.round(probe.timeoutMs / 1000)} s, though the backend handed it to the daemon and the daemon answers`,
    `the daemon sends to its own region: make its region (-n, AWS_REGION in compose) equal AWS_REGION=${region}, and read its log (docker compose logs xray-daemon) for credential errors`,
  );
}

async function proveOtel(settings: XraySettings, probe: TraceProbe): Promise<Confirmation> {
  await proveDelivered(probe, {
    path: 'xray',
    target: settings.target,
    label: "X-Ray's OTLP endpoint",
    unit: 'spans',
    minimum: expectedSpanCount(probe.sent),
    credentialFix: OTLP_REFUSED_FIX,
  });
  if (settings.disagreement) throw settings.disagreement;
  const region = settings.target.region ?? settings.config.aws.region ?? '(no region)';
  // Stored only if X-Ray already returns it: spans land in aws/spans, and trace summaries index a share of them.
  const stored = await segmentTree(settings, probe.traceId).then(
    (tree) => tree.length > 0,
    () => false,
  );
  return { proof: stored ? 'stored' : 'delivered', link: xrayConsoleLink(region, probe.traceId) };
}

export function xrayDestination(settings: XraySettings): Destination {
  return {
    name: 'xray',
    pipeline: settings.pipeline,
    verify: (probe: TraceProbe) =>
      settings.pipeline === 'sdk' ? proveSdk(settings, probe) : proveOtel(settings, probe),
  };
}
