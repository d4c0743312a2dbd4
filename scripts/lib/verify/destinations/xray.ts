/**
 * X-Ray: first the daemon (the usual culprit), then GetTraceSummaries over the time range until
 * our trace id is listed, then BatchGetTraces for its segment documents, whose names are checked.
 */
import { BatchGetTracesCommand, GetTraceSummariesCommand, type XRayClient } from '@aws-sdk/client-xray';
import { xrayTree } from '../../../inspector/query/tree.js';
import type { TraceNode } from '../../../inspector/query/types.js';
import { awsCallContext, callAws } from '../../aws/errors.js';
import type { ToolkitConfig } from '../../config/parse.js';
import { ToolkitError } from '../../errors.js';
import type { HostPort, XraySegment } from '@cruddur/trace-contract';
import { probeTcp } from '../daemon.js';
import { xrayGaps } from '../expectations.js';
import { pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';

export interface XraySettings {
  config: ToolkitConfig;
  client: XRayClient;
  /** The daemon's TCP (sampling) address as seen from here. */
  daemon: HostPort;
  xrayUrlPattern: string | undefined;
}

/** Summaries are searched from a minute before sending (clock skew) to a minute past now. */
const WINDOW_S = 60;

export function xrayConsoleLink(region: string, traceId: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${traceId}`;
}

async function checkDaemon(daemon: HostPort): Promise<void> {
  const failure = await probeTcp(daemon);
  if (failure === undefined) return;
  // Compose's service name (xray-daemon:2000) only resolves inside the stack; from here its port is published on localhost.
  if ((failure === 'ENOTFOUND' || failure === 'EAI_AGAIN') && (await probeTcp({ host: '127.0.0.1', port: daemon.port })) === undefined) return;
  throw new ToolkitError(
    `the X-Ray daemon at ${daemon.host}:${daemon.port} is unreachable (${failure}), so the backend's segments go nowhere`,
    'start it with npm run up (cloud mode runs amazon/aws-xray-daemon in compose), and point the backend\'s AWS_XRAY_DAEMON_ADDRESS at it',
  );
}

async function isListed(settings: XraySettings, probe: TraceProbe): Promise<boolean> {
  const nowS = Math.floor(Date.now() / 1000);
  let nextToken: string | undefined;
  do {
    const page = await callAws(awsCallContext(settings.config, 'xray', 'GetTraceSummaries'), () =>
      settings.client.send(
        new GetTraceSummariesCommand({ StartTime: new Date((Math.floor(probe.sentAtMs / 1000) - WINDOW_S) * 1000), EndTime: new Date((nowS + WINDOW_S) * 1000), NextToken: nextToken }),
      ),
    );
    if ((page.TraceSummaries ?? []).some((summary) => summary.Id === probe.traceId)) return true;
    nextToken = page.NextToken;
  } while (nextToken);
  return false;
}

async function segmentTree(settings: XraySettings, traceId: string): Promise<TraceNode[]> {
  const answer = await callAws(awsCallContext(settings.config, 'xray', 'BatchGetTraces'), () => settings.client.send(new BatchGetTracesCommand({ TraceIds: [traceId] })));
  const documents = (answer.Traces ?? []).flatMap((trace) => trace.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? '{}') as XraySegment);
  return xrayTree(documents);
}

export function xrayDestination(settings: XraySettings): Destination {
  return {
    name: 'xray',
    async verify(probe: TraceProbe) {
      await checkDaemon(settings.daemon);
      const region = settings.config.aws.region ?? '(no region)';
      let listed = false;
      let gaps: string[] = [];
      const outcome = await pollUntil(async () => {
        listed ||= await isListed(settings, probe);
        if (!listed) return undefined;
        gaps = xrayGaps(await segmentTree(settings, probe.traceId), probe.sent, settings.xrayUrlPattern);
        return gaps.length === 0 ? true : undefined;
      }, probe.sentAtMs + probe.timeoutMs);
      if (outcome.found) return { link: xrayConsoleLink(region, probe.traceId) };
      const seconds = Math.round(probe.timeoutMs / 1000);
      if (!listed) {
        throw new ToolkitError(
          `X-Ray in ${region} lists no trace ${probe.traceId} after ${seconds} s, though the daemon answers`,
          `the daemon sends to its own region: make its region (-n, AWS_REGION in compose) equal AWS_REGION=${region}, and read its log (docker compose logs xray-daemon) for credential errors`,
        );
      }
      throw new ToolkitError(`X-Ray has trace ${probe.traceId} but ${gaps.join('; ')}`, 'the backend\'s X-Ray instrumentation must create the segment and subsegments the API doc names (see issue 3)');
    },
  };
}
