/**
 * Starts the whole inspector: the store (from its file), the X-Ray daemon ports (UDP segments, TCP
 * sampling) and the HTTP port (OTLP, Rollbar, API, page). Used by `main.ts` and by tests (port 0).
 */
import type { FastifyInstance } from 'fastify';
import { FixableError, INSPECTOR_VARIABLES, stateLogFile } from '@cruddur/trace-contract';
import { answerSampling, LOCAL_RULE } from './receivers/xray-sampling.js';
import { startXrayUdpReceiver } from './receivers/xray-udp.js';
import { loadSnapshot, startSnapshotWriter, storeFile } from './store/persist.js';
import { DEFAULT_LIMITS, TraceStore, type StoreLimits } from './store/trace-store.js';
import { loadPageAssets } from './web/assets.js';
import { acceptRawBodies, createHttpApp, pathOf, rawBody, sendAnswer } from './web/http-app.js';
import type { LinkBuilders } from './web/links.js';
import { registerInspectorRoutes } from './web/routes.js';

export interface InspectorOptions {
  host: string;
  /** UDP for segments and TCP for sampling, as the daemon; 0 picks a free one. */
  xrayPort: number;
  httpPort: number;
  stateDir: string;
  limits?: StoreLimits;
  /** The backend's log, for the log lines of a trace; `<stateDir>/backend.log` (local mode's) by default. */
  backendLog?: string;
  /** Links out of the page, where cloud settings exist. */
  links?: LinkBuilders;
  /** Where the inspector's own notes go (warnings, rejected datagrams, 5xx). */
  note?: (line: string) => void;
  /** Let other machines clear the traces (`DELETE /api/traces`); only for a port published on loopback, as compose does. */
  remoteClear?: boolean;
}

export interface Inspector {
  httpUrl: string;
  xrayPort: number;
  httpPort: number;
  store: TraceStore;
  close(): Promise<void>;
}

function portInUse(err: unknown, port: number, protocol: string, variable: string): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return err;
  return new FixableError(
    `${protocol} port ${port} is already in use (another inspector, an X-Ray daemon or an OTel collector?)`,
    `stop that process (npm run down), or pick another port with ${variable}`,
  );
}

async function listen(app: FastifyInstance, port: number, host: string): Promise<number> {
  await app.listen({ port, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return address.port;
}

export async function startInspector(options: InspectorOptions): Promise<Inspector> {
  const note = options.note ?? (() => {});
  const file = storeFile(options.stateDir);
  const { snapshot, warning } = await loadSnapshot(file);
  if (warning) note(warning);
  const store = new TraceStore(snapshot, options.limits ?? DEFAULT_LIMITS);
  const writer = startSnapshotWriter(store, file, { onError: (err) => note(`could not save ${file}: ${String(err)}`) });
  const startedAtMs = Date.now();
  const onError = (err: unknown, req: { method: string; url: string }) =>
    note(`${req.method} ${req.url} failed: ${String(err)}`);

  const opened: Array<() => Promise<void>> = [() => writer.close()];
  const closeAll = async () => {
    for (const closeOne of opened.reverse()) await closeOne();
  };
  try {
    const udp = await startXrayUdpReceiver({
      host: options.host,
      port: options.xrayPort,
      onSegment: (segment) => store.addSegment(segment),
      onRejected: (reason) => note(`dropped a datagram: ${reason}`),
    }).catch((err: unknown) => {
      throw portInUse(err, options.xrayPort, 'UDP', INSPECTOR_VARIABLES.xrayPort);
    });
    opened.push(() => udp.close());
    const startedAtS = Math.floor(startedAtMs / 1000);
    const sampling = createHttpApp(onError);
    acceptRawBodies(sampling);
    sampling.all('/*', (request, reply) =>
      sendAnswer(
        reply,
        answerSampling(
          { method: request.method, path: pathOf(request), body: rawBody(request) },
          [LOCAL_RULE],
          startedAtS,
        ),
      ),
    );
    await listen(sampling, udp.port, options.host).catch((err: unknown) => {
      throw portInUse(err, udp.port, 'TCP', INSPECTOR_VARIABLES.xrayPort);
    });
    opened.push(() => sampling.close());
    const assets = await loadPageAssets();
    const backendLog = options.backendLog ?? stateLogFile(options.stateDir, 'backend');
    const http = createHttpApp(onError);
    await registerInspectorRoutes(http, {
      store,
      startedAtMs,
      assets,
      backendLog,
      links: options.links,
      remoteClear: options.remoteClear,
    });
    const httpPort = await listen(http, options.httpPort, options.host).catch((err: unknown) => {
      throw portInUse(err, options.httpPort, 'TCP', INSPECTOR_VARIABLES.httpPort);
    });
    opened.push(() => http.close());
    const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    return { httpUrl: `http://${shownHost}:${httpPort}`, xrayPort: udp.port, httpPort, store, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
