/** One task of a tasks object, normalised from deno.json's two spellings (a string or an object). */
export interface TaskDefinition {
  readonly name: string;
  /** Shell text; absent for a task that only groups its dependencies. */
  readonly command?: string;
  readonly description?: string;
  readonly dependencies: readonly string[];
}

/** A parsed tasks file: where it is (commands run in `dir`) and its tasks in file order. */
export interface TaskFile {
  readonly path: string;
  readonly dir: string;
  readonly tasks: ReadonlyMap<string, TaskDefinition>;
}

/** A task as it will run: its final command line (ARGS already appended and quoted). */
export interface PlannedTask {
  readonly name: string;
  readonly command?: string;
  readonly dependencies: readonly string[];
}

/** What an invocation will do, decided before anything runs. Tasks are in a topological order. */
export interface Plan {
  readonly target: string;
  readonly cwd: string;
  readonly tasks: readonly PlannedTask[];
}

/** The runner's command line, parsed. */
export interface RunnerOptions {
  readonly help: boolean;
  readonly list: boolean;
  readonly dryRun: boolean;
  readonly jobs: number;
  readonly config?: string;
  readonly envFile?: string;
  readonly name?: string;
  readonly args: readonly string[];
}

/** How a task ended. `code` is the exit code the runner would return for it. */
export type TaskOutcome =
  | { readonly kind: 'ok'; readonly ms: number }
  | {
      readonly kind: 'failed';
      readonly ms: number;
      readonly code: number;
      readonly signal?: NodeJS.Signals;
      readonly error?: string;
    }
  | { readonly kind: 'stopped'; readonly ms: number };
