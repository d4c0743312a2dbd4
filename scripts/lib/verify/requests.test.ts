import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../../../test-support/free-port.js';
import { ToolkitError } from '../errors.js';
import { forcedSamplingHeader, sendTaggedRequests, TAGGED_REQUESTS } from './requests.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const OTEL_ID = '5f8a1b2c0123456789abcdef01234567';

/** A stand-in backend whose trace headers each test chooses. */
describe('sendTaggedRequests', () => {
  let answer: (incoming: string) => Record<string, string>;
  let seen: string[] = [];
  let server: Server;
  let url: string;

  before(async () => {
    server = createServer((req, res) => {
      const incoming = String(req.headers['x-amzn-trace-id']);
      seen.push(`${req.url} ${incoming}`);
      const request = TAGGED_REQUESTS.find((r) => r.path === req.url);
      res.writeHead(request?.status ?? 404, answer(incoming)).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('sends every request with Root and Sampled=1 but no Parent, and keeps the span ids', async () => {
    seen = [];
    answer = (incoming) => ({ 'x-amzn-trace-id': incoming, traceresponse: `00-${OTEL_ID}-53995c3f42cd8ad8-01` });
    const sent = await sendTaggedRequests(url, TRACE_ID);
    assert.deepEqual(
      seen,
      TAGGED_REQUESTS.map((r) => `${r.path} Root=${TRACE_ID};Sampled=1`),
    );
    assert.equal(forcedSamplingHeader(TRACE_ID).includes('Parent'), false);
    assert.deepEqual(
      sent.map((s) => [s.request.path, s.status, s.spanId]),
      TAGGED_REQUESTS.map((r) => [r.path, r.status, '53995c3f42cd8ad8']),
    );
  });

  const failures: Array<[string, (incoming: string) => Record<string, string>, RegExp]> = [
    [
      'no trace header: telemetry not loaded',
      () => ({}),
      /without a trace header .* telemetry is not loaded — start the backend through its entry point .*\(node backend-flask-ts, which starts telemetry before the app\)/,
    ],
    [
      'a trace of its own: not joined',
      () => ({ 'x-amzn-trace-id': 'Root=1-5f8a1b2c-ffffffffffffffffffffffff;Sampled=1' }),
      /instead of joining 1-5f8a1b2c-0123456789abcdef01234567/,
    ],
    [
      'Sampled=0: sampled out',
      (incoming) => ({ 'x-amzn-trace-id': incoming.replace('Sampled=1', 'Sampled=0') }),
      /sampled out \/api\/activities\/home although it was sent with Sampled=1/,
    ],
  ];
  for (const [name, headers, message] of failures) {
    test(name, async () => {
      answer = headers;
      await assert.rejects(
        sendTaggedRequests(url, TRACE_ID),
        (err: unknown) => err instanceof ToolkitError && message.test(`${err.problem} — ${err.fix}`),
      );
    });
  }

  test('a backend that is down is named with the fix', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(
      sendTaggedRequests(closed, TRACE_ID),
      (err: unknown) =>
        err instanceof ToolkitError &&
        /does not answer \(connect ECONNREFUSED/.test(err.problem) &&
        /npm run setup/.test(err.fix),
    );
  });
});
