/** `@cruddur/inspector/otlp`: the one OTLP/HTTP trace decoder, for the inspector's receiver, the fakes and the backend's tests. */
export { decodeOtlpJson, decodeOtlpTraces, type AttributeValue, type OtlpEvent, type OtlpSpan } from './decode.js';
