/**
 * Stands in for Honeycomb's Query Data API (Enterprise; a configuration key with "Run Queries") over
 * the spans an OTLP receiver took: `POST /1/queries/{dataset}` (a COUNT filtered on `trace.trace_id`)
 * answers the query's id, `POST /1/query_results/{dataset}` runs it and answers 201 with a result id
 * (not complete yet, as Honeycomb answers), `GET /1/query_results/{dataset}/{id}` answers the complete
 * result `{complete: true, data: {results: [{data: {COUNT: n}}]}}`. Other keys get Honeycomb's 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OtlpSpan } from '@cruddur/inspector/otlp';
import { answer } from './faulty-http-server.js';

const JSON_TYPE = { 'content-type': 'application/json' };

interface QuerySpec {
  filters?: Array<{ column?: string; op?: string; value?: unknown }>;
}

export interface HoneycombQueryApi {
  /** Answers the request when it is a Query Data API call; false otherwise. */
  handle(req: IncomingMessage, body: Buffer, res: ServerResponse): boolean;
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  answer(res, { status, headers: JSON_TYPE, body: JSON.stringify(body) });

export function createHoneycombQueryApi(queryKeys: readonly string[], spans: () => OtlpSpan[]): HoneycombQueryApi {
  const queries = new Map<string, QuerySpec>();
  const results = new Map<string, { queryId: string; count: number }>();
  const countOf = (spec: QuerySpec) => {
    const filter = spec.filters?.find((f) => f.column === 'trace.trace_id' && f.op === '=');
    return spans().filter((span) => filter !== undefined && span.traceId === filter.value).length;
  };
  return {
    handle(req, body, res) {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const match = /^\/1\/(queries|query_results)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
      if (!match) return false;
      const key = req.headers['x-honeycomb-team'];
      if (!queryKeys.includes(typeof key === 'string' ? key : '')) {
        send(res, 401, { error: 'unknown API key - check your credentials' });
        return true;
      }
      const [, kind, , id] = match;
      const input = (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as QuerySpec & { query_id?: string };
      if (kind === 'queries' && req.method === 'POST') {
        const queryId = `q${queries.size + 1}`;
        queries.set(queryId, input);
        send(res, 200, { id: queryId, ...input });
      } else if (kind === 'query_results' && req.method === 'POST') {
        const spec = queries.get(input.query_id ?? '');
        if (!spec) send(res, 404, { error: 'query not found' });
        else {
          const resultId = `r${results.size + 1}`;
          results.set(resultId, { queryId: input.query_id!, count: countOf(spec) });
          send(res, 201, { id: resultId, query_id: input.query_id, complete: false });
        }
      } else if (kind === 'query_results' && req.method === 'GET' && id !== undefined) {
        const result = results.get(id);
        if (!result) send(res, 404, { error: 'query result not found' });
        else
          send(res, 200, {
            id,
            query_id: result.queryId,
            complete: true,
            data: { results: [{ data: { COUNT: result.count } }] },
          });
      } else send(res, 404, { error: 'not found' });
      return true;
    },
  };
}
