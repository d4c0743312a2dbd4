/** The receivers' answers, as the inspector and the test fakes both send them (the HTTP servers only carry them). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import type { OtlpSpan } from '../otlp/decode.js';
import { receiveOtlpTraces } from './otlp-http.js';
import { receiveRollbarItem, type PostedItem } from './rollbar-item.js';
import { answerSampling, LOCAL_RULE, type SamplingRule } from './xray-sampling.js';

const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
const EMPTY_EXPORT = Buffer.from('{"resourceSpans":[]}');

describe('receiveOtlpTraces (OTLP/HTTP spec)', () => {
  const receive = (contentType: string | undefined, body: Buffer, contentEncoding?: string) => {
    const received: OtlpSpan[][] = [];
    return {
      answer: receiveOtlpTraces({ contentType, contentEncoding, body }, (spans) => received.push(spans)),
      received,
    };
  };

  test("accepts JSON, gzipped or not, answering an empty response in the request's type", () => {
    for (const [body, encoding] of [
      [EMPTY_EXPORT, undefined],
      [gzipSync(EMPTY_EXPORT), 'gzip'],
    ] as const) {
      const { answer, received } = receive('application/json; charset=utf-8', body, encoding);
      assert.deepEqual(
        [answer.status, answer.contentType, text(answer.body), received.length],
        [200, 'application/json', '{}', 1],
      );
    }
  });

  test('a bad protobuf payload is 400 with a google.rpc.Status in protobuf, INVALID_ARGUMENT', () => {
    const { answer, received } = receive('application/x-protobuf', Buffer.from([0xff, 0xff, 0xff]));
    assert.deepEqual([answer.status, answer.contentType, received.length], [400, 'application/x-protobuf', 0]);
    const Status = new protobuf.Type('Status')
      .add(new protobuf.Field('code', 1, 'int32'))
      .add(new protobuf.Field('message', 2, 'string'));
    const status = Status.toObject(Status.decode(answer.body as Uint8Array)) as { code: number; message: string };
    assert.equal(status.code, 3);
    assert.match(status.message, /not an OTLP ExportTraceServiceRequest/);
  });

  test('an unknown content type is 415, an unknown encoding 415, a broken gzip 400', () => {
    assert.equal(receive('text/plain', EMPTY_EXPORT).answer.status, 415);
    assert.equal(receive(undefined, EMPTY_EXPORT).answer.status, 415);
    assert.equal(receive('application/json', EMPTY_EXPORT, 'br').answer.status, 415);
    assert.equal(receive('application/json', Buffer.from('not gzip'), 'gzip').answer.status, 400);
  });
});

describe('receiveRollbarItem (Rollbar item API)', () => {
  const post = (payload: string, token?: string, accepts?: (token: string) => boolean) => {
    const items: PostedItem[] = [];
    const answer = receiveRollbarItem(
      {
        contentType: 'application/json',
        contentEncoding: undefined,
        body: Buffer.from(payload),
        accessTokenHeader: token,
      },
      (item) => items.push(item),
      accepts,
    );
    return {
      status: answer.status,
      body: JSON.parse(text(answer.body)) as { err: number; message?: string; result?: { id: null; uuid: string } },
      items,
    };
  };

  test('answers with the uuid the SDK gave the item, and hands over the token and data', () => {
    const { status, body, items } = post(JSON.stringify({ data: { uuid: '6f1a…-sdk', level: 'error' } }), 'tok');
    assert.deepEqual([status, body], [200, { err: 0, result: { id: null, uuid: '6f1a…-sdk' } }]);
    assert.deepEqual(items, [{ uuid: '6f1a…-sdk', accessToken: 'tok', data: { uuid: '6f1a…-sdk', level: 'error' } }]);
  });

  test('a token in the payload counts as in the header; an item without uuid gets one', () => {
    const { status, body } = post(JSON.stringify({ access_token: 'tok', data: {} }));
    assert.equal(status, 200);
    assert.match(body.result!.uuid, /^[0-9a-f-]{36}$/);
  });

  test('refuses as Rollbar does, with {"err":1,"message"}: 400 not JSON, 401 no or a refused token, 422 no data', () => {
    assert.deepEqual([post('{nope', 'tok').status, post('{nope', 'tok').body.err], [400, 1]);
    assert.match(post('{"data":{}}').body.message ?? '', /missing access token/);
    assert.equal(post('{"data":{}}').status, 401);
    assert.deepEqual(
      [
        post('{"data":{}}', 'other', (token) => token === 'tok').status,
        post('{"data":{}}', 'other', (token) => token === 'tok').body.message,
      ],
      [401, 'invalid access token'],
    );
    assert.equal(post('{"data":"x"}', 'tok').status, 422);
  });
});

describe("answerSampling (the daemon's sampling proxy, X-Ray API shapes)", () => {
  const rule: SamplingRule = { RuleName: 'Cruddur', FixedRate: 0.1, ReservoirSize: 5, Priority: 9000 };
  const call = (path: string, body: unknown, method = 'POST') => {
    const answer = answerSampling(
      { method, path, body: Buffer.from(JSON.stringify(body)) },
      [LOCAL_RULE, rule],
      1_700_000_000,
      1_700_000_100,
    );
    return { status: answer.status, body: JSON.parse(text(answer.body)) as Record<string, unknown> };
  };

  test('GetSamplingRules answers every rule with Attributes and its times', () => {
    const records = call('/GetSamplingRules', {}).body.SamplingRuleRecords as Array<{
      SamplingRule: SamplingRule;
      ModifiedAt: number;
    }>;
    assert.deepEqual(
      records.map((record) => [record.SamplingRule.RuleName, record.SamplingRule.Attributes, record.ModifiedAt]),
      [
        ['Default', {}, 1_700_000_000],
        ['Cruddur', {}, 1_700_000_000],
      ],
    );
  });

  test('SamplingTargets gives each reported rule its own rate and quota, and names unknown ones unprocessed', () => {
    const { body } = call('/SamplingTargets', {
      SamplingStatisticsDocuments: [{ RuleName: 'Cruddur' }, { RuleName: 'Default' }, { RuleName: 'Gone' }],
    });
    assert.deepEqual(body.SamplingTargetDocuments, [
      { RuleName: 'Cruddur', FixedRate: 0.1, ReservoirQuota: 5, ReservoirQuotaTTL: 1_700_000_110, Interval: 10 },
      { RuleName: 'Default', FixedRate: 1, ReservoirQuota: 1, ReservoirQuotaTTL: 1_700_000_110, Interval: 10 },
    ]);
    assert.deepEqual(body.UnprocessedStatistics, [
      { RuleName: 'Gone', ErrorCode: '400', Message: 'no sampling rule named Gone' },
    ]);
  });

  test('refuses in AWS\'s {"Message"} shape: no statistics 400, another path 404, another method 405', () => {
    assert.deepEqual(
      [call('/SamplingTargets', {}).status, call('/Nope', {}).status, call('/GetSamplingRules', {}, 'GET').status],
      [400, 404, 405],
    );
    assert.equal(typeof call('/Nope', {}).body.Message, 'string');
  });
});
