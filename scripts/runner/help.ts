/**
 * `npm run task -- NAME --help`: the task's usage, with nothing run before it. The runner says what
 * the task file knows (description, command, dependencies); a toolkit script then adds its own
 * options, by running its command alone with the ARGS (`--help` among them).
 */
import type { TaskDefinition } from './types.js';

/**
 * Whether a command answers `--help` itself: it runs a TypeScript file through tsx, as every toolkit
 * script does (each parses its flags with parseTaskArgs). Any other command (tsc, the backend) is
 * answered by the runner alone, so that asking builds and starts nothing.
 */
export function answersHelpItself(command: string | undefined): command is string {
  return command !== undefined && /(^|\s)node\s+--import\s+tsx\s+\S+\.ts(\s|$)/.test(command);
}

/** The runner's part of a task's usage. */
export function formatTaskHelp(task: TaskDefinition): string {
  const lines = [`Task "${task.name}"${task.description === undefined ? '' : `: ${task.description}`}`];
  lines.push(task.command === undefined ? '  (no command: runs its dependencies)' : `  $ ${task.command}`);
  if (task.dependencies.length > 0) lines.push(`  after: ${task.dependencies.join(', ')} (not run for --help)`);
  if (task.command !== undefined && !answersHelpItself(task.command))
    lines.push(`Usage: npm run task -- ${task.name} [ARGS...]   (ARGS are appended to the command)`);
  return lines.join('\n');
}
