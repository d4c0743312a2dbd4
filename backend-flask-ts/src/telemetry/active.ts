/**
 * Hands the telemetry started by the preloaded `instrument.ts` to `main.ts`: both import this module,
 * and Node loads it once.
 */
import type { Telemetry } from './telemetry.js';

let active: Telemetry | undefined;

export function setActiveTelemetry(telemetry: Telemetry): void {
  active = telemetry;
}

/** `undefined` when the process was started without `--import …/telemetry/instrument`. */
export function activeTelemetry(): Telemetry | undefined {
  return active;
}
