/**
 * A loopback HTTP server for fakes whose tests need the real service to misbehave: it can hang,
 * answer errors or throttle, close its port and reopen it on the same port. Each fake supplies the
 * handler (called only while healthy) and what its real service answers when failing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, ReceivedRequest } from '@cruddur/inspector/receivers';

/** `hang`: read the request, never answer. `error`: the service's 500. `throttle`: its 429. */
export type HttpFault = 'hang' | 'error' | 'throttle';

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

/** What every fault-capable fake offers its tests. */
export interface FaultControls {
  /** `http://127.0.0.1:PORT`, no trailing slash; stays the same across `stop()` / `restart()`. */
  url: string;
  /** Every later request fails this way until `heal()`. */
  fail(fault: HttpFault): void;
  /** Answers normally again; requests left hanging are cut (the client sees a reset). */
  heal(): void;
  /** Requests that were not answered normally (hung, 500, 429), since start. */
  failedRequests(): number;
  /** Closes the port (clients get "connection refused") and cuts open requests. */
  stop(): Promise<void>;
  /** Listens again on the same port (nothing to do while listening). */
  restart(): Promise<void>;
}

export type BodyHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

export interface FaultyHttpServerOptions {
  handler: BodyHandler;
  /** The real service's answer to a failing request, for `error` and `throttle`. */
  faultAnswers: Record<'error' | 'throttle', CannedAnswer>;
}

export function answer(res: ServerResponse, { status, headers = {}, body }: CannedAnswer): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
}

/** Sends an answer of the inspector's receivers: the fakes answer exactly what the inspector answers. */
export function sendReceiverAnswer(res: ServerResponse, { status, contentType, headers, body }: Answer): void {
  answer(res, { status, headers: { ...headers, 'content-type': contentType }, body });
}

/** The headers a receiver reads, from a `node:http` request. */
export function receivedRequest(req: IncomingMessage, body: Buffer): ReceivedRequest {
  return { contentType: req.headers['content-type'], contentEncoding: req.headers['content-encoding'], body };
}

export async function startFaultyHttpServer({
  handler,
  faultAnswers,
}: FaultyHttpServerOptions): Promise<FaultControls> {
  let fault: HttpFault | undefined;
  let failed = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (fault === undefined) return handler(req, Buffer.concat(chunks), res);
      failed += 1;
      if (fault !== 'hang') return answer(res, faultAnswers[fault]);
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
    });
  });
  const cutHanging = () => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server.listening) return resolve();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    fail: (next) => {
      fault = next;
    },
    heal: () => {
      fault = undefined;
      cutHanging();
    },
    failedRequests: () => failed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        cutHanging();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    restart: listen,
  };
}
