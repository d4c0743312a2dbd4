import { TaskCycleError, UnknownTaskError, UsageError } from './errors.js';
import type { Plan, PlannedTask, TaskFile } from './types.js';

/** POSIX single-quoting: the shell passes the value through unchanged, whatever it contains. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The plan for running `name` with `args`: the task and everything it depends on, each once, in a
 * topological order (dependencies first, in the order they are listed). Pure; refuses unknown names
 * and cycles before anything runs. ARGS go to the named task only.
 */
export function resolvePlan(file: TaskFile, name: string, args: readonly string[] = []): Plan {
  const known = [...file.tasks.keys()];
  const ordered: PlannedTask[] = [];
  const done = new Set<string>();
  const path: string[] = [];

  const visit = (task: string, requiredBy?: string): void => {
    if (done.has(task)) return;
    const start = path.indexOf(task);
    if (start !== -1) throw new TaskCycleError([...path.slice(start), task]);
    const definition = file.tasks.get(task);
    if (definition === undefined) throw new UnknownTaskError(task, known, requiredBy);
    path.push(task);
    for (const dependency of definition.dependencies) visit(dependency, task);
    path.pop();
    done.add(task);
    const withArgs = task === name && args.length > 0;
    if (withArgs && definition.command === undefined) {
      throw new UsageError(
        `task "${task}" has no command of its own, so it cannot take ARGS`,
        `run the dependency that should get them: ${definition.dependencies.join(', ')}`,
      );
    }
    const command = withArgs ? [definition.command, ...args.map(shellQuote)].join(' ') : definition.command;
    ordered.push({
      name: task,
      dependencies: [...new Set(definition.dependencies)],
      ...(command === undefined ? {} : { command }),
    });
  };

  visit(name);
  return { target: name, cwd: file.dir, tasks: ordered };
}

/**
 * Whether two of the plan's commands can run at the same time: two tasks with commands, neither of
 * which depends (through any chain) on the other. A chain such as build → setup never overlaps.
 */
export function hasParallelTasks(plan: Plan): boolean {
  // Every task a task waits for, directly or not (the plan lists dependencies first).
  const below = new Map<string, Set<string>>();
  for (const task of plan.tasks) {
    const all = new Set<string>();
    for (const dependency of task.dependencies) {
      all.add(dependency);
      for (const deeper of below.get(dependency) ?? []) all.add(deeper);
    }
    below.set(task.name, all);
  }
  const commands = plan.tasks.filter((task) => task.command !== undefined).map((task) => task.name);
  return commands.some((a, i) => commands.slice(i + 1).some((b) => !below.get(a)!.has(b) && !below.get(b)!.has(a)));
}
