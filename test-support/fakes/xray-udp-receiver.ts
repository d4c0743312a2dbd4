/**
 * Stands in for the AWS X-Ray daemon (`amazon/aws-xray-daemon`): segments arrive one per UDP datagram
 * (`{"format":"json","version":1}` + newline + the segment JSON) and are recorded raw and parsed with
 * the trace contract. Given `centralizedRules`, it also serves the daemon's TCP
 * sampling proxy on the same port number, as the daemon does on 2000/tcp: `POST /GetSamplingRules`
 * answers those rules (the `SamplingRule` shape of `aws/json/x-ray.json`), `POST /SamplingTargets` no
 * targets. Point `AWS_XRAY_DAEMON_ADDRESS` at `address`. `stop()` closes the ports: datagrams are then
 * lost, as when no daemon runs; `restart()` binds the same UDP port again, as a daemon coming back.
 * Given `forward`, each segment is also sent on, as the daemon sends its batches to X-Ray.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { parseXrayDatagram, type XraySegment } from '@cruddur/trace-contract';
import { waitFor } from '../wait.js';
import { answer, startFaultyHttpServer, type FaultControls } from './faulty-http-server.js';
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
  waitForSegments(match: (segment: XraySegment) => boolean, options?: { count?: number; timeoutMs?: number; what?: string }): Promise<XraySegment[]>;
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

function samplingProxy(rules: ReadonlyArray<Record<string, unknown>>, calls: string[]): Promise<FaultControls> {
  const now = Date.now() / 1000;
  return startFaultyHttpServer({
    faultAnswers: {
      error: { status: 500, body: '{"Message":"fake daemon error"}' },
      throttle: { status: 429, body: '{"Message":"Rate exceeded"}' },
    },
    handler: (req, _body, res) => {
      const operation = new URL(req.url ?? '/', 'http://fake').pathname.slice(1);
      calls.push(operation);
      const json = { 'content-type': 'application/json' };
      if (operation === 'GetSamplingRules') {
        const records = rules.map((rule) => ({ SamplingRule: rule, CreatedAt: now, ModifiedAt: now }));
        return answer(res, { status: 200, headers: json, body: JSON.stringify({ SamplingRuleRecords: records }) });
      }
      if (operation === 'SamplingTargets') {
        return answer(res, { status: 200, headers: json, body: JSON.stringify({ SamplingTargetDocuments: [], LastRuleModification: now, UnprocessedStatistics: [] }) });
      }
      answer(res, { status: 404, headers: json, body: '{"Message":"not found"}' });
    },
  });
}

export async function startXrayUdpReceiver(options: XrayUdpReceiverOptions = {}): Promise<XrayUdpReceiver> {
  const datagrams: Buffer[] = [];
  const segments: XraySegment[] = [];
  const refused: string[] = [];
  const samplingCalls: string[] = [];
  const tcp = options.centralizedRules ? await samplingProxy(options.centralizedRules, samplingCalls) : undefined;

  const receive = (datagram: Buffer) => {
    datagrams.push(datagram);
    let segment: XraySegment;
    try {
      segment = parseXrayDatagram(datagram);
    } catch (err) {
      refused.push(err instanceof Error ? err.message : String(err));
      return;
    }
    segments.push(segment);
    options.forward?.(segment).catch((err: unknown) => refused.push(`forwarding failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  // With a sampling proxy, UDP takes its port number, as the daemon's 2000/udp and 2000/tcp.
  let socket = await bindUdp(tcp ? Number(new URL(tcp.url).port) : 0, receive);
  const port = (socket.address() as AddressInfo).port;

  let open = true;
  return {
    address: `127.0.0.1:${port}`,
    datagrams,
    segments,
    refused,
    samplingCalls,
    waitForSegments: (match, { count = 1, timeoutMs = TEST_DEADLINE_MS, what = `${count} matching segment(s)` } = {}) =>
      waitFor(`the X-Ray daemon to get ${what}`, async () => {
        const found = segments.filter(match);
        return found.length >= count ? found : undefined;
      }, timeoutMs),
    stop: async () => {
      if (open) {
        open = false;
        await new Promise<void>((resolve) => socket.close(() => resolve()));
      }
      await tcp?.stop();
    },
    restart: async () => {
      if (open) return;
      socket = await bindUdp(port, receive);
      open = true;
    },
  };
}

/**
 * Under load the test process can be busy for a moment, and the kernel drops loopback datagrams the
 * socket buffer cannot hold: 4 MB (Linux's usual `rmem_max`; it caps larger asks) keeps that loss from being counted against the backend.
 */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

async function bindUdp(port: number, receive: (datagram: Buffer) => void): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
  socket.on('message', receive);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return socket;
}
