/**
 * Stands in for the AWS X-Ray daemon (`amazon/aws-xray-daemon`): segments arrive one per UDP datagram
 * (`{"format":"json","version":1}` + newline + the segment JSON), taken by the inspector's own UDP
 * receiver (`@cruddur/inspector/receivers`), and recorded raw and parsed. Given `centralizedRules`, it
 * also serves the daemon's TCP sampling proxy on the same port number, as the daemon does on 2000/tcp,
 * with the inspector's sampling answers: `POST /GetSamplingRules` lists those rules (the `SamplingRule`
 * shape of `aws/json/x-ray.json`), `POST /SamplingTargets` gives each reported rule its rate and quota. Point `AWS_XRAY_DAEMON_ADDRESS` at `address`. `stop()` closes the ports: datagrams are then
 * lost, as when no daemon runs; `restart()` binds the same UDP port again, as a daemon coming back.
 * Given `forward`, each segment is also sent on, as the daemon sends its batches to X-Ray.
 */
import {
  answerSampling,
  startXrayUdpReceiver as startUdpReceiver,
  type SamplingRule,
  type UdpReceiver,
} from '@cruddur/inspector/receivers';
import type { XraySegment } from '@cruddur/trace-contract';
import { waitFor } from '../wait.js';
import { sendReceiverAnswer, startFaultyHttpServer, type FaultControls } from './faulty-http-server.js';
import { TEST_DEADLINE_MS } from '../deadline.js';

export interface XrayUdpReceiver {
  /** `127.0.0.1:PORT`, for `AWS_XRAY_DAEMON_ADDRESS`. */
  address: string;
  /** Every datagram received, as bytes. */
  datagrams: Buffer[];
  /** The datagrams that parsed as segments. */
  segments: XraySegment[];
  /** Why each other datagram was refused. */
  refused: string[];
  /** The sampling proxy's requests (`GetSamplingRules`, `SamplingTargets`), when `centralizedRules` was given. */
  samplingCalls: string[];
  /** Resolves with the matching segments once at least `count` have arrived; fails after `timeoutMs`. */
  waitForSegments(
    match: (segment: XraySegment) => boolean,
    options?: { count?: number; timeoutMs?: number; what?: string },
  ): Promise<XraySegment[]>;
  /** Closes the ports; safe to call twice. */
  stop(): Promise<void>;
  /** Receives on the same UDP port again after `stop()` (the sampling proxy stays closed). */
  restart(): Promise<void>;
}

export interface XrayUdpReceiverOptions {
  /** Serve these on the TCP sampling proxy; without them no TCP port is opened (the SDK falls back to local rules). */
  centralizedRules?: ReadonlyArray<Record<string, unknown>>;
  /** What the daemon does next with each parsed segment: send it on to X-Ray (e.g. moto's PutTraceSegments). */
  forward?: (segment: XraySegment) => Promise<void>;
}

/** `rules` as the tests give them: `SamplingRule` objects read from JSON (`aws/json/x-ray.json`'s shape). */
function samplingProxy(rules: ReadonlyArray<Record<string, unknown>>, calls: string[]): Promise<FaultControls> {
  const modifiedAtS = Math.floor(Date.now() / 1000);
  return startFaultyHttpServer({
    faultAnswers: {
      error: { status: 500, body: '{"Message":"fake daemon error"}' },
      throttle: { status: 429, body: '{"Message":"Rate exceeded"}' },
    },
    handler: (req, body, res) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      calls.push(path.slice(1));
      sendReceiverAnswer(
        res,
        answerSampling({ method: req.method ?? 'GET', path, body }, rules as readonly SamplingRule[], modifiedAtS),
      );
    },
  });
}

export async function startXrayUdpReceiver(options: XrayUdpReceiverOptions = {}): Promise<XrayUdpReceiver> {
  const datagrams: Buffer[] = [];
  const segments: XraySegment[] = [];
  const refused: string[] = [];
  const samplingCalls: string[] = [];
  const tcp = options.centralizedRules ? await samplingProxy(options.centralizedRules, samplingCalls) : undefined;

  const bind = (port: number) =>
    startUdpReceiver({
      host: '127.0.0.1',
      port,
      onDatagram: (datagram) => datagrams.push(datagram),
      onRejected: (reason) => refused.push(reason),
      onSegment: (segment) => {
        segments.push(segment);
        options
          .forward?.(segment)
          .catch((err: unknown) =>
            refused.push(`forwarding failed: ${err instanceof Error ? err.message : String(err)}`),
          );
      },
    });
  // With a sampling proxy, UDP takes its port number, as the daemon's 2000/udp and 2000/tcp.
  let udp: UdpReceiver = await bind(tcp ? Number(new URL(tcp.url).port) : 0);
  const { port } = udp;

  let open = true;
  return {
    address: `127.0.0.1:${port}`,
    datagrams,
    segments,
    refused,
    samplingCalls,
    waitForSegments: (match, { count = 1, timeoutMs = TEST_DEADLINE_MS, what = `${count} matching segment(s)` } = {}) =>
      waitFor(
        `the X-Ray daemon to get ${what}`,
        async () => {
          const found = segments.filter(match);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      ),
    stop: async () => {
      if (open) {
        open = false;
        await udp.close();
      }
      await tcp?.stop();
    },
    restart: async () => {
      if (open) return;
      udp = await bind(port);
      open = true;
    },
  };
}
