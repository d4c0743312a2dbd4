/**
 * A receiver's answer, independent of the HTTP server that sends it: the inspector sends it through
 * Fastify, the test fakes through their fault-injecting `node:http` servers. One answer per protocol rule.
 */
export interface Answer {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  headers?: Readonly<Record<string, string>>;
}

/** What a receiver needs of a request: the raw body and the headers that say how to read it. */
export interface ReceivedRequest {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  body: Buffer;
}

export const JSON_TYPE = 'application/json';

export function jsonAnswer(status: number, value: unknown, headers?: Readonly<Record<string, string>>): Answer {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value), ...(headers && { headers }) };
}

/** The essence of a Content-Type header: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}
