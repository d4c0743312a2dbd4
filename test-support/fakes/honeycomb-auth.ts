/**
 * Stands in for Honeycomb's API key check, `GET /1/auth` (api.honeycomb.io / api.eu1.honeycomb.io):
 * known keys answer 200 with team, environment (empty for classic keys) and `api_key_access`;
 * unknown or missing keys answer 401 as Honeycomb does. Records the header names each request carried.
 */
import { sendJson, startHttpServer, type RunningServer } from './http-server.js';

export interface FakeHoneycombKey {
  team?: { name: string; slug: string };
  /** Omit for a classic key: Honeycomb then answers with an empty environment. */
  environment?: { name: string; slug: string };
  /** Defaults to `{ events: true, markers: true, triggers: false, … }`. */
  access?: Record<string, boolean>;
}

export interface FakeHoneycomb extends RunningServer {
  /** Each request's method, path and header names (never values). */
  requests: Array<{ method: string; path: string; headerNames: string[] }>;
}

const DEFAULT_ACCESS = {
  events: true,
  markers: true,
  triggers: false,
  boards: false,
  queries: false,
  columns: false,
  createDatasets: true,
  slos: false,
  recipients: false,
  privateBoards: false,
};

export async function startFakeHoneycomb(keys: Record<string, FakeHoneycombKey>): Promise<FakeHoneycomb> {
  const requests: FakeHoneycomb['requests'] = [];
  const server = await startHttpServer((req, _body, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    requests.push({ method: req.method ?? '', path, headerNames: Object.keys(req.headers) });
    if (req.method !== 'GET' || path !== '/1/auth') return sendJson(res, 404, { error: 'not found' });
    const header = req.headers['x-honeycomb-team'];
    const key = typeof header === 'string' ? keys[header] : undefined;
    if (key === undefined)
      return sendJson(res, 401, { error: 'unknown API key - check your credentials, region, and API URL' });
    sendJson(res, 200, {
      id: 'fakeKeyId',
      type: 'ingest',
      api_key_access: { ...DEFAULT_ACCESS, ...key.access },
      environment: key.environment ?? { name: '', slug: '' },
      team: key.team ?? { name: 'Cruddur Team', slug: 'cruddur-team' },
    });
  });
  return { ...server, requests };
}
