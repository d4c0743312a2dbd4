/**
 * Rollbar: `delivered` when the backend's own item for the error request was accepted (its delivery
 * record holds the uuid Rollbar answered); `stored` when a read token (`ROLLBAR_READ_TOKEN`) finds that
 * occurrence among the project's latest.
 */
import { rollbarOccurrenceLink, type PathTarget } from '@cruddur/trace-contract';
import { ToolkitError } from '../../errors.js';
import { rollbarLists } from '../../rollbar.js';
import { expectedItemCount } from '../delivery.js';
import { RESTART_FIX } from '../fixes.js';
import { describeNotFound, pollUntil } from '../poll.js';
import type { Destination, TraceProbe } from '../types.js';
import { proveDelivered } from './exports.js';

export interface RollbarSettings {
  target: PathTarget;
  readToken: string | undefined;
  disagreement?: ToolkitError;
  credentialNote?: string;
}

const TOKEN_FIX = `put a post_server_item token in ROLLBAR_ACCESS_TOKEN (Project → Settings → Project Access Tokens), then ${RESTART_FIX}`;

async function proveStored(probe: TraceProbe, endpoint: string, readToken: string, uuid: string): Promise<void> {
  const outcome = await pollUntil(
    async () => ((await rollbarLists(endpoint, readToken, uuid)) ? true : undefined),
    probe.sentAtMs + probe.timeoutMs,
  );
  if (outcome.found) return;
  throw new ToolkitError(
    `Rollbar accepted the backend's item ${uuid} but does not list it ${describeNotFound(outcome, probe.timeoutMs)}`,
    "check ROLLBAR_READ_TOKEN belongs to the same project as the backend's ROLLBAR_ACCESS_TOKEN, and that the project does not filter the error out (Settings → Notifications/Rate limits)",
  );
}

export function rollbarDestination(settings: RollbarSettings): Destination {
  return {
    name: 'rollbar',
    async verify(probe: TraceProbe) {
      const accepted = await proveDelivered(probe, {
        path: 'rollbar',
        target: settings.target,
        label: 'Rollbar',
        unit: 'items',
        minimum: expectedItemCount(probe.sent),
        credentialFix: TOKEN_FIX,
        credentialNote: settings.credentialNote,
      });
      if (settings.disagreement) throw settings.disagreement;
      const uuid = accepted.find((record) => record.uuid)!.uuid!;
      const link = rollbarOccurrenceLink(uuid);
      if (settings.readToken === undefined) return { proof: 'delivered', link };
      await proveStored(probe, settings.target.address, settings.readToken, uuid);
      return { proof: 'stored', link };
    },
  };
}
