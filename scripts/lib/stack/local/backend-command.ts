/**
 * The backend's one start command is `node <backend dir>`: Node runs the package's "main"
 * (`dist/start.js`), which starts telemetry, then the app. The image runs it as `node .` in its
 * WORKDIR, the workspace's `npm start` as `node .`, the root's `backend` task as `node backend-flask-ts`;
 * a test holds them all to this one. Local mode runs it with this machine's node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolkitError } from '../../errors.js';

/** The backend's package directory, relative to the repository root. */
export const BACKEND_PACKAGE_DIR = 'backend-flask-ts';

export interface BackendCommand {
  command: string;
  args: string[];
  cwd: string;
}

export function backendStartCommand(root: string, nodePath = process.execPath): BackendCommand {
  const dir = join(root, BACKEND_PACKAGE_DIR);
  return { command: nodePath, args: [dir], cwd: dir };
}

/** Refuses to start a backend that was never built: the package's "main" must exist (the `build-backend` task writes it). */
export function ensureBackendBuilt(root: string): void {
  const dir = join(root, BACKEND_PACKAGE_DIR);
  const { main } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main: string };
  if (!existsSync(join(dir, main))) {
    throw new ToolkitError(
      `the backend is not built (${BACKEND_PACKAGE_DIR}/${main} is missing)`,
      'run it through the task runner, which builds it first: npm run setup (or npm run task -- build-backend)',
    );
  }
}
