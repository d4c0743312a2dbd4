/**
 * The backend's start command in local mode is the image's: the final stage's `CMD` and `WORKDIR`
 * of backend-flask-ts/Dockerfile, read with a Dockerfile parser. So the native process loads the
 * same telemetry preload (`--import …`) as the container, and the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DockerfileParser, type Cmd } from 'dockerfile-ast';

/** Where the image copies the repository (its build context): `/app`. */
const IMAGE_ROOT = '/app';

export interface BackendCommand {
  command: string;
  args: string[];
  cwd: string;
}

export function readBackendCommand(root: string, nodePath = process.execPath): BackendCommand {
  const dockerfile = join(root, 'backend-flask-ts', 'Dockerfile');
  const instructions = DockerfileParser.parse(readFileSync(dockerfile, 'utf8')).getInstructions();
  const finalStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'));
  const cmd = finalStage.filter((i) => i.getKeyword() === 'CMD').at(-1) as Cmd | undefined;
  const workdir = finalStage.filter((i) => i.getKeyword() === 'WORKDIR').at(-1)?.getArgumentsContent();
  const argv = cmd?.getJSONStrings().map((s) => s.getJSONValue()) ?? [];
  if (argv[0] !== 'node' || workdir === undefined || workdir === null || !workdir.startsWith(`${IMAGE_ROOT}/`)) {
    throw new Error(`${dockerfile}: expected an exec-form CMD ["node", …] and a WORKDIR under ${IMAGE_ROOT}/ in the final stage`);
  }
  // The image's `node` is this machine's node: the one running the toolkit.
  return { command: nodePath, args: argv.slice(1), cwd: join(root, relative(IMAGE_ROOT, workdir)) };
}
