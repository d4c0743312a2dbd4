/**
 * OTLP/HTTP trace receiver (`POST /v1/traces`), answering as the OTLP spec asks: the response uses
 * the request's content type; success is an ExportTraceServiceResponse (empty here, as this proto
 * version defines no fields), a bad payload is 400 with a google.rpc.Status, an unknown content type
 * 415. The inspector stores what `onSpans` gets; the test fakes record it and add their faults.
 */
import protobuf from 'protobufjs';
import { decodeOtlpTraces, type OtlpSpan } from '../otlp/decode.js';
import { JSON_TYPE, mediaType, type Answer, type ReceivedRequest } from './answer.js';
import { decodeContentEncoding } from './encoded-body.js';

export const OTLP_TRACES_PATH = '/v1/traces';
const PROTOBUF = 'application/x-protobuf';

/** google.rpc.Status, declared with protobufjs so its bytes come from the library; `details` is never sent. */
const Status = new protobuf.Type('Status')
  .add(new protobuf.Field('code', 1, 'int32'))
  .add(new protobuf.Field('message', 2, 'string'));
/** gRPC code INVALID_ARGUMENT, what OTLP collectors put in the Status of a 4xx. */
const INVALID_ARGUMENT = 3;

/** An answer in the request's encoding: an empty response, or a Status naming the problem. */
function reply(type: string, status: number, message?: string): Answer {
  if (type === PROTOBUF) {
    const body =
      message === undefined
        ? new Uint8Array(0)
        : Status.encode(Status.create({ code: INVALID_ARGUMENT, message })).finish();
    return { status, contentType: PROTOBUF, body };
  }
  return {
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify(message === undefined ? {} : { code: INVALID_ARGUMENT, message }),
  };
}

export function receiveOtlpTraces(request: ReceivedRequest, onSpans: (spans: OtlpSpan[]) => void): Answer {
  const type = mediaType(request.contentType);
  if (type !== PROTOBUF && type !== JSON_TYPE) {
    return reply(
      JSON_TYPE,
      415,
      `unsupported Content-Type "${request.contentType ?? ''}" (OTLP/HTTP sends ${PROTOBUF} or ${JSON_TYPE})`,
    );
  }
  const decoded = decodeContentEncoding(request.body, request.contentEncoding);
  if ('refused' in decoded) return reply(type, decoded.refused.status, decoded.refused.message);
  let spans: OtlpSpan[];
  try {
    spans = decodeOtlpTraces(decoded.body, type);
  } catch (err) {
    return reply(type, 400, `not an OTLP ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  onSpans(spans);
  return reply(type, 200);
}
