/**
 * The port through which routes and services describe their work to the tracers without knowing
 * them. The telemetry layer plugs OpenTelemetry and X-Ray in; `NO_TRACING` just runs the work.
 */

/** Sets one attribute (OpenTelemetry) or one metadata entry (X-Ray) on the unit of work being traced. */
export type TraceNote = (key: string, value: string | number | boolean) => void;

/** Each call runs `work` and returns its result; a returned promise is settled before the unit ends. */
export interface Tracing {
  /** An OpenTelemetry span named `name` around `work`; notes become span attributes. */
  span<T>(name: string, work: (note: TraceNote) => T): T;
  /** An X-Ray subsegment named `name` around `work`; notes become metadata in the `default` namespace. */
  subsegment<T>(name: string, work: (note: TraceNote) => T): T;
}

const ignoreNote: TraceNote = () => {};

/** Runs `work` untraced: for a tracer that is off, and for callers that trace nothing. */
export function untraced<T>(_name: string, work: (note: TraceNote) => T): T {
  return work(ignoreNote);
}

export const NO_TRACING: Tracing = Object.freeze({ span: untraced, subsegment: untraced });
