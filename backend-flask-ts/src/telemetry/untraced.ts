/**
 * Requests no telemetry path traces: the health check, which compose, `npm run setup` and workspace
 * readiness checks poll every few seconds (without this they would fill the local inspector's store
 * and the cloud consoles), and the diagnostics endpoint, read while tracing is checked. One
 * predicate, used by OpenTelemetry's server span middleware and by X-Ray's segment middleware alike.
 */
import { DIAGNOSTICS_PATH, HEALTH_CHECK_PATH } from '@cruddur/trace-contract';

export function isUntracedRequest(method: string | undefined, url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0]!;
  if (path.startsWith(DIAGNOSTICS_PATH)) return true;
  return (method === 'GET' || method === 'HEAD') && path.replace(/\/+$/, '') === HEALTH_CHECK_PATH;
}
