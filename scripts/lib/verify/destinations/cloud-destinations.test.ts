/**
 * Honeycomb and Rollbar destinations over real HTTP: Honeycomb's `/1/auth` is the shared fake, its
 * OTLP intake is the local inspector (real OTLP decoding), and the inspector's Rollbar-compatible
 * endpoint stands in for api.rollbar.com.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFakeHoneycomb, type FakeHoneycomb } from '../../../../test-support/fakes/honeycomb-auth.js';
import { startInspector, type Inspector } from '../../../inspector/server.js';
import { ToolkitError } from '../../errors.js';
import type { TraceProbe } from '../types.js';
import { TAGGED_REQUESTS } from '../requests.js';
import { honeycombDestination } from './honeycomb.js';
import { rollbarDestination } from './rollbar.js';

const ENV_KEY = 'hcaik_01EXAMPLEj0fakefakefakefakefakefakefakefakefakefakefake7f3a';
const CLASSIC_KEY = '0123456789abcdef0123456789abcdef';
const READ_ONLY_KEY = 'hcaik_01EXAMPLEj0readonlyreadonlyreadonlyreadonlyreadonly0000';

function probe(): TraceProbe {
  const nowS = Math.floor(Date.now() / 1000).toString(16);
  return {
    traceId: `1-${nowS}-0123456789abcdef01234567`,
    otelTraceId: `${nowS}0123456789abcdef01234567`,
    sentAtMs: Date.now(),
    sent: TAGGED_REQUESTS.map((request) => ({ request, status: request.status, spanId: undefined })),
    timeoutMs: 5_000,
  };
}

const isFailure = (pattern: RegExp) => (err: unknown) => err instanceof ToolkitError && pattern.test(`${err.problem} — ${err.fix}`);

describe('the Honeycomb and Rollbar destinations', () => {
  let stateDir: string;
  let inspector: Inspector;
  let auth: FakeHoneycomb;
  let honeycomb: Server;
  let honeycombUrl: string;
  const exports: IncomingHttpHeaders[] = [];

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'verify-destinations-'));
    inspector = await startInspector({ host: '127.0.0.1', xrayPort: 0, httpPort: 0, stateDir });
    auth = await startFakeHoneycomb({ [ENV_KEY]: { environment: { name: 'Dev', slug: 'dev' } }, [CLASSIC_KEY]: {}, [READ_ONLY_KEY]: { access: { events: false } } });
    // One base URL, as api.honeycomb.io: /1/auth answered by the fake, /v1/traces by the inspector.
    honeycomb = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = req.url === '/v1/traces' ? `${inspector.httpUrl}/v1/traces` : `${auth.url}${req.url}`;
        if (req.url === '/v1/traces') exports.push(req.headers);
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('x-honeycomb') || name === 'content-type')) as Record<string, string>;
        void fetch(target, { method: req.method, headers, ...(req.method === 'POST' && { body: Buffer.concat(chunks) }) }).then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await answer.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => honeycomb.listen(0, '127.0.0.1', resolve));
    honeycombUrl = `http://127.0.0.1:${(honeycomb.address() as { port: number }).port}`;
  });
  after(async () => {
    honeycomb.closeAllConnections();
    await new Promise<void>((resolve) => honeycomb.close(() => resolve()));
    await auth.stop();
    await inspector.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  test('Honeycomb: an environment key exports a span into the trace and links to it', async () => {
    const trace = probe();
    const { link } = await honeycombDestination({ apiKey: ENV_KEY, endpoint: honeycombUrl }, 'backend-flask').verify(trace);
    const url = new URL(link!);
    assert.equal(url.pathname, '/cruddur-team/environments/dev/datasets/backend-flask/trace');
    assert.equal(url.searchParams.get('trace_id'), trace.otelTraceId);
    assert.equal(exports.at(-1)?.['x-honeycomb-team'], ENV_KEY);
    assert.equal(exports.at(-1)?.['x-honeycomb-dataset'], undefined, 'environment keys route by service.name');
    const stored = inspector.store.trace(trace.traceId)!;
    assert.deepEqual(stored.spans.map((span) => [span.name, span.serviceName]), [['verify-traces', 'backend-flask']]);
  });

  test('Honeycomb: a classic key also names the dataset', async () => {
    await honeycombDestination({ apiKey: CLASSIC_KEY, endpoint: honeycombUrl }, 'backend-flask').verify(probe());
    assert.equal(exports.at(-1)?.['x-honeycomb-dataset'], 'backend-flask');
  });

  test('Honeycomb: a key without the events permission fails with the fix', async () => {
    await assert.rejects(honeycombDestination({ apiKey: READ_ONLY_KEY, endpoint: honeycombUrl }, 'backend-flask').verify(probe()), isFailure(/may not send events.*"Send Events" permission/));
  });

  test('Honeycomb: an unknown key is refused by /1/auth', async () => {
    await assert.rejects(honeycombDestination({ apiKey: 'hcaik_unknown_key_0000000000', endpoint: honeycombUrl }, 'backend-flask').verify(probe()), isFailure(/Honeycomb rejected HONEYCOMB_API_KEY/));
  });

  test('Rollbar: an item carrying the trace id is accepted; the link opens its occurrence', async () => {
    const trace = probe();
    const { link } = await rollbarDestination({ token: 'f00dfacef00dfacef00dfacef00d7e57', environment: 'development', endpoint: `${inspector.httpUrl}/api/1/item/` }).verify(trace);
    const [item] = inspector.store.itemsOf(trace.traceId);
    assert.equal(item?.level, 'info');
    assert.equal(link, `https://rollbar.com/occurrence/uuid/?uuid=${item.uuid}`);
  });

  test('Rollbar: a refused token fails with the fix', async () => {
    const refusing = createServer((_req, res) => res.writeHead(403, { 'content-type': 'application/json' }).end('{"err":1,"message":"invalid access token"}'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(refusing.address() as { port: number }).port}/api/1/item/`;
      await assert.rejects(rollbarDestination({ token: 'f00dfacef00dfacef00dfacef00d7e57', environment: 'development', endpoint }).verify(probe()), isFailure(/Rollbar refused ROLLBAR_ACCESS_TOKEN …7e57 \(HTTP 403: invalid access token\).*post_server_item/));
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
