/**
 * Concurrent clients for the reliability suite. Each request carries a trace id of its own with
 * `Sampled=1`, so whatever the backend sends about it can be found in the fakes afterwards. A client
 * stops at its first refused connection: nothing listens any more, and that is an outcome, not an error.
 */
import { Agent, request } from 'node:http';
import { newXrayTraceId } from '@cruddur/trace-contract';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const ACTIVITY = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

/** Every API route that answers 2xx, GETs and POSTs with valid bodies. `/rollbar/test` is apart: Rollbar sends 60 items a minute at most. */
export const API_CALLS: readonly Call[] = [
  { method: 'GET', path: '/api/activities/home' },
  { method: 'GET', path: '/api/activities/notifications' },
  { method: 'GET', path: '/api/activities/search?term=cloud' },
  { method: 'GET', path: '/api/activities/@andrewbrown' },
  { method: 'GET', path: `/api/activities/${ACTIVITY}` },
  { method: 'GET', path: '/api/message_groups' },
  { method: 'GET', path: '/api/messages/@worf' },
  { method: 'POST', path: '/api/activities', body: { message: 'under load', ttl: '1-hour' } },
  { method: 'POST', path: `/api/activities/${ACTIVITY}/reply`, body: { message: 'still here' } },
  { method: 'POST', path: '/api/messages', body: { user_receiver_handle: 'worf', message: 'Qapla!' } },
];

export const ROLLBAR_WARNING: Call = { method: 'GET', path: '/rollbar/test' };

export interface Outcome {
  call: Call;
  /** The X-Ray trace id the request was sent with. */
  root: string;
  /** Set once the whole answer (headers and body) has arrived. */
  status?: number;
  /** The error code (`ECONNREFUSED`, `ECONNRESET`, `DEADLINE`, …) when no complete answer came. */
  error?: string;
}

export interface LoadOptions {
  url: string;
  clients: number;
  calls: readonly Call[];
  /** Run for this long… */
  durationMs?: number;
  /** …or until this many requests have been sent, whichever comes first. */
  requests?: number;
  /** A liveness bound, not a speed test: a request silent for this long counts as `DEADLINE`. */
  deadlineMs?: number;
  /** A new connection per request (`Connection: close`) instead of keep-alive. */
  closeEachConnection?: boolean;
  /** Called once per request sent, e.g. to send a signal after the n-th. */
  onSent?(count: number): void;
}

/** Generous: requests take milliseconds; this only catches one that never ends. */
export const LIVENESS_DEADLINE_MS = 10_000;

export function send(url: string, call: Call, agent: Agent, deadlineMs = LIVENESS_DEADLINE_MS): Promise<Outcome> {
  const root = newXrayTraceId();
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { 'x-amzn-trace-id': `Root=${root};Sampled=1` };
  if (body !== undefined)
    Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  return new Promise((resolve) => {
    const settle = (outcome: Omit<Outcome, 'call' | 'root'>) => resolve({ call, root, ...outcome });
    const req = request(
      new URL(call.path, url),
      { method: call.method, headers, agent, timeout: deadlineMs },
      (res) => {
        res.resume();
        res.once('end', () => settle({ status: res.statusCode ?? 0 }));
        res.once('error', (err: NodeJS.ErrnoException) => settle({ error: err.code ?? err.message }));
      },
    );
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error('no answer within the liveness deadline'), { code: 'DEADLINE' })),
    );
    req.once('error', (err: NodeJS.ErrnoException) => settle({ error: err.code ?? err.message }));
    req.end(body);
  });
}

/** `count` requests one after the other, `gapMs` apart: a trickle beside the load (Rollbar's warnings). */
export async function sendSpread(url: string, call: Call, count: number, gapMs: number): Promise<Outcome[]> {
  const agent = new Agent();
  const sent: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    sent.push(await send(url, call, agent));
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return sent;
}

export async function runLoad(options: LoadOptions): Promise<Outcome[]> {
  const {
    url,
    clients,
    calls,
    durationMs = Infinity,
    requests = Infinity,
    deadlineMs,
    closeEachConnection = false,
    onSent,
  } = options;
  const agent = new Agent({ keepAlive: !closeEachConnection, maxSockets: clients });
  const endAt = Date.now() + durationMs;
  const outcomes: Outcome[] = [];
  let sent = 0;
  const client = async (offset: number) => {
    while (Date.now() < endAt && sent < requests) {
      const call = calls[(sent + offset) % calls.length]!;
      sent += 1;
      onSent?.(sent);
      const outcome = await send(url, call, agent, deadlineMs);
      outcomes.push(outcome);
      if (outcome.error === 'ECONNREFUSED') return;
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  return outcomes;
}

/** Each failed outcome as one line, for an assertion message that shows what went wrong. */
export function describeFailures(outcomes: readonly Outcome[]): string[] {
  return outcomes
    .filter((o) => o.status === undefined || o.status < 200 || o.status > 299)
    .map((o) => `${o.call.method} ${o.call.path}: ${o.status ?? o.error}`);
}
