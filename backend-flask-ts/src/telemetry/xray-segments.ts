/**
 * X-Ray segments and subsegments as the SDK models them — instances of its `Segment` and `Subsegment`,
 * so closing, open-subsegment counting, errors, metadata and serialisation stay the SDK's — built with
 * ids from a pooled random source. The SDK's constructors call `crypto.randomBytes` synchronously for
 * every id (about 10 µs each here), and a segment that continues a known trace first draws a random
 * trace id that it then overwrites (`TraceID.FromString` starts from `new TraceID()`).
 */
import { randomFillSync } from 'node:crypto';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';

/** Random bytes as hex, drawn from one buffer refilled `poolBytes` at a time: one system call per ~500 ids. */
export function createRandomHexPool(poolBytes = 4096): (bytes: number) => string {
  const pool = Buffer.alloc(poolBytes);
  let offset = poolBytes;
  return (bytes) => {
    if (offset + bytes > poolBytes) {
      randomFillSync(pool);
      offset = 0;
    }
    offset += bytes;
    return pool.toString('hex', offset - bytes, offset);
  };
}

/** The SDK's classes and clock (`AWSXRay.Segment`, `.Subsegment`, `.SegmentUtils`). */
export interface SdkSegmentModel {
  Segment: typeof Segment;
  Subsegment: typeof Subsegment;
  SegmentUtils: { getCurrentTime(): number };
}

export interface SegmentFactory {
  /** An open segment of a known trace (`traceId` in X-Ray's spelling), as `new Segment(name, traceId, parentId)` builds it. */
  segment(name: string, traceId: string, parentId: string | undefined): Segment;
  /** An open subsegment added to `parent`, as `parent.addNewSubsegment(name)` builds it. */
  subsegment(parent: Segment | Subsegment, name: string): Subsegment;
}

export function createSegmentFactory(sdk: SdkSegmentModel, randomHex: (bytes: number) => string): SegmentFactory {
  // What the SDK's constructor copies into every segment from its process-wide settings (service,
  // SDK and plugin data, origin), taken once from a segment it builds itself.
  const {
    trace_id: _traceId,
    id: _id,
    start_time: _start,
    name: _name,
    in_progress: _open,
    counter: _counter,
    ...processWide
  } = new sdk.Segment('template') as Segment & Record<string, unknown>;
  const aws = processWide.aws as Record<string, unknown> | undefined;
  return {
    segment: (name, traceId, parentId) =>
      Object.assign(Object.create(sdk.Segment.prototype) as Segment, {
        trace_id: traceId,
        id: randomHex(8),
        start_time: sdk.SegmentUtils.getCurrentTime(),
        name,
        in_progress: true,
        counter: 0,
        ...(parentId && { parent_id: parentId }),
        ...processWide,
        // Each segment its own `aws` object, as the constructor gives it.
        ...(aws && { aws: { ...aws } }),
      }),
    subsegment: (parent, name) => {
      const subsegment = Object.assign(Object.create(sdk.Subsegment.prototype) as Subsegment, {
        id: randomHex(8),
        name,
        start_time: sdk.SegmentUtils.getCurrentTime(),
        in_progress: true,
        counter: 0,
        notTraced: false,
      });
      parent.addSubsegment(subsegment);
      return subsegment;
    },
  };
}
