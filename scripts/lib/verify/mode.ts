/**
 * Local or cloud, from where the backend itself sends: local mode when its OTLP export or its Rollbar
 * items go to the trace inspector (natively on the toolkit's inspector port, or the compose service
 * `inspector`). Which ports happen to answer on this machine decides nothing.
 */
import { DEFAULTS, type DeliveryRecord, type PathTarget } from '@cruddur/trace-contract';
import type { Mode, ToolkitConfig } from '../config/parse.js';

const INSPECTOR_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', 'inspector']);

function isInspector(target: PathTarget, inspectorPort: number): boolean {
  if (target.kind !== 'otlp' && target.kind !== 'rollbar') return false;
  try {
    const url = new URL(target.address);
    return (
      INSPECTOR_HOSTS.has(url.hostname) &&
      Number(url.port) === (url.hostname === 'inspector' ? DEFAULTS.inspectorHttpPort : inspectorPort)
    );
  } catch {
    return false;
  }
}

export function modeFromRecord(
  record: DeliveryRecord,
  config: Pick<ToolkitConfig, 'inspector'>,
): { mode: Mode; reason: string } {
  const targets = Object.values(record.paths).flatMap((status) => (status.on ? status.targets : []));
  const inspector = targets.find((target) => isInspector(target, config.inspector.httpPort));
  if (inspector) return { mode: 'local', reason: `the backend sends to the trace inspector (${inspector.address})` };
  const where = targets.map((target) => target.kind).join(', ');
  return { mode: 'cloud', reason: where ? `the backend sends to ${where}` : 'the backend sends nowhere' };
}
