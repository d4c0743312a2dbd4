/** Waiting on the backend's delivery record until a target has the trace, or a link broke. */
import type { ExportRecord } from '@cruddur/trace-contract';
import { judgeExports, undeliveredError, type ExportExpectation, type ExportVerdict } from '../delivery.js';
import { pollUntil } from '../poll.js';
import type { TraceProbe } from '../types.js';

/** The accepted exports once the target has taken enough of the trace; else throws the broken link. */
export async function proveDelivered(probe: TraceProbe, expect: ExportExpectation): Promise<ExportRecord[]> {
  let verdict: ExportVerdict = { state: 'pending', progress: 'the backend was not asked yet', transient: undefined };
  const outcome = await pollUntil(async () => {
    verdict = judgeExports(await probe.readDelivery(), expect);
    if (verdict.state === 'broken') throw verdict.error;
    return verdict.state === 'delivered' ? verdict.accepted : undefined;
  }, probe.sentAtMs + probe.timeoutMs);
  if (outcome.found) return outcome.value;
  const pending =
    verdict.state === 'pending'
      ? verdict
      : { state: 'pending' as const, progress: String(outcome.lastError), transient: undefined };
  throw undeliveredError(pending, expect, Math.round(probe.timeoutMs / 1000));
}
