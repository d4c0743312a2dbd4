/**
 * `@cruddur/inspector/receivers`: the one implementation of each protocol the inspector receives,
 * as functions from a request to an answer plus a callback for what arrived. The inspector sends the
 * answers through Fastify and stores what arrives; the test fakes send them through their
 * fault-injecting servers and record what arrives.
 */
export type { Answer, ReceivedRequest } from './answer.js';
export { OTLP_TRACES_PATH, receiveOtlpTraces } from './otlp-http.js';
export { receiveRollbarItem, ROLLBAR_ITEM_PATH, ROLLBAR_TOKEN_HEADER, type PostedItem } from './rollbar-item.js';
export {
  answerSampling,
  samplingRuleRecord,
  samplingRuleRecords,
  type SamplingRule,
  type SamplingRuleRecord,
} from './xray-sampling.js';
export { startXrayUdpReceiver, type UdpReceiver } from './xray-udp.js';
