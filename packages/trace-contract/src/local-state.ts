/**
 * Local mode's runtime state: one folder (`CRUDDUR_STATE_DIR`, default `.cruddur`) where each
 * background process writes `<name>.log`, and the inspector's ports. The scripts start the
 * processes; the inspector reads the backend's log and its own settings from the same names.
 */
import { join } from 'node:path';

/** The variables the inspector reads; the scripts set them when they start it. */
export const INSPECTOR_VARIABLES = Object.freeze({
  xrayPort: 'CRUDDUR_INSPECTOR_XRAY_PORT',
  httpPort: 'CRUDDUR_INSPECTOR_HTTP_PORT',
  stateDir: 'CRUDDUR_STATE_DIR',
});

/** The log file of a background process of local mode, e.g. `backend` → `<stateDir>/backend.log`. */
export function stateLogFile(stateDir: string, name: string): string {
  return join(stateDir, `${name}.log`);
}

/** A TCP/UDP port as a setting spells it (1 to 65535, digits only); undefined when it is not one. */
export function parsePort(raw: string): number | undefined {
  const port = Number(raw);
  return /^\d+$/.test(raw) && port >= 1 && port <= 65_535 ? port : undefined;
}
