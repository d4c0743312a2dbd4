/**
 * Segments built from pooled ids are the SDK's own: same class, same fields in the same order, the
 * same process-wide data, and subsegments counted and serialised by the SDK's methods.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import AWSXRay from 'aws-xray-sdk-core';
import { createRandomHexPool, createSegmentFactory } from './xray-segments.js';

const TRACE_ID = '1-5f8a1b2c-0123456789abcdef01234567';
const PARENT_ID = '53995c3f42cd8ad8';

test('the pool hands out random hex of the length asked for, across refills', () => {
  const randomHex = createRandomHexPool(32);
  const ids = Array.from({ length: 100 }, () => randomHex(12));
  assert.ok(ids.every((id) => /^[0-9a-f]{24}$/.test(id)));
  assert.equal(new Set(ids).size, ids.length);
});

test('a segment of a known trace has the fields, order and process-wide data of the SDK constructor', () => {
  const factory = createSegmentFactory(AWSXRay, createRandomHexPool());
  const ours = factory.segment('backend-flask', TRACE_ID, PARENT_ID);
  const sdks = new AWSXRay.Segment('backend-flask', TRACE_ID, PARENT_ID);
  assert.ok(ours instanceof AWSXRay.Segment);
  assert.deepEqual(Object.keys(ours), Object.keys(sdks));
  const fields = (segment: object) => ({
    ...(JSON.parse(JSON.stringify(segment)) as Record<string, unknown>),
    id: 'id',
    start_time: 0,
  });
  assert.deepEqual(fields(ours), fields(sdks));
  assert.match(ours.id, /^[0-9a-f]{16}$/);
  assert.notEqual(
    (ours as unknown as { aws: object }).aws,
    (factory.segment('backend-flask', TRACE_ID, undefined) as unknown as { aws: object }).aws,
    'each segment its own aws object',
  );
});

test('subsegments are the SDK class, counted on the parent and serialised within it', () => {
  const factory = createSegmentFactory(AWSXRay, createRandomHexPool());
  const segment = factory.segment('backend-flask', TRACE_ID, undefined) as ReturnType<typeof factory.segment> & {
    counter: number;
  };
  const subsegment = factory.subsegment(segment, 'mock-data');
  assert.ok(subsegment instanceof AWSXRay.Subsegment);
  assert.equal(segment.counter, 1);
  subsegment.addMetadata('rows', 5);
  subsegment.close();
  assert.equal(segment.counter, 0);
  const json = JSON.parse(segment.format()) as {
    subsegments: Array<{ id: string; name: string; metadata: unknown; end_time: number }>;
  };
  assert.equal(json.subsegments[0]!.name, 'mock-data');
  assert.equal(json.subsegments[0]!.id, subsegment.id);
  assert.deepEqual(json.subsegments[0]!.metadata, { default: { rows: 5 } });
  assert.equal(typeof json.subsegments[0]!.end_time, 'number');
});
