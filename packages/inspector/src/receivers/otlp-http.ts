/**
 * OTLP/HTTP trace receiver (`POST /v1/traces`), answering as the OTLP spec asks: the response uses
 * the request's content type; success is an ExportTraceServiceResponse (empty here, as this proto
 * version defines no fields), a bad payload is 400 with a google.rpc.Status, an unknown content type 415.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import protobuf from 'protobufjs';
import { decodeOtlpTraces } from '../otlp/decode.js';
import { readBody } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { sendBytes } from '../http/respond.js';
import type { TraceStore } from '../store/trace-store.js';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

/** google.rpc.Status, declared with protobufjs so its bytes come from the library; `details` is never sent. */
const Status = new protobuf.Type('Status').add(new protobuf.Field('code', 1, 'int32')).add(new protobuf.Field('message', 2, 'string'));
/** gRPC code INVALID_ARGUMENT, what OTLP collectors put in the Status of a 400. */
const INVALID_ARGUMENT = 3;

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function reply(res: ServerResponse, type: string, status: number, message?: string): void {
  if (type === PROTOBUF) {
    const body = message === undefined ? new Uint8Array(0) : Status.encode(Status.create({ code: INVALID_ARGUMENT, message })).finish();
    sendBytes(res, status, PROTOBUF, body);
  } else {
    sendBytes(res, status, JSON_TYPE, JSON.stringify(message === undefined ? {} : { code: INVALID_ARGUMENT, message }));
  }
}

export async function handleOtlpTraces(req: IncomingMessage, res: ServerResponse, store: TraceStore): Promise<void> {
  const type = mediaType(req);
  if (type !== PROTOBUF && type !== JSON_TYPE) {
    throw new HttpError(415, `unsupported Content-Type "${req.headers['content-type'] ?? ''}" (OTLP/HTTP sends ${PROTOBUF} or ${JSON_TYPE})`);
  }
  const body = await readBody(req);
  let spans;
  try {
    spans = decodeOtlpTraces(body, type);
  } catch (err) {
    reply(res, type, 400, `not an OTLP ExportTraceServiceRequest: ${(err as Error).message}`);
    return;
  }
  store.addSpans(spans);
  reply(res, type, 200);
}
