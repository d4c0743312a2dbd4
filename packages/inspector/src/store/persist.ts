/**
 * The store's file: one JSON snapshot under `<stateDir>/inspector/`, rewritten atomically (temp file
 * + rename) at most once a second while changes arrive (a full store is megabytes), so a crash loses
 * at most that second and leaves the previous snapshot rather than half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TraceStore } from './trace-store.js';
import type { StoreSnapshot } from './types.js';

export function storeFile(stateDir: string): string {
  return join(stateDir, 'inspector', 'traces.json');
}

function isSnapshot(value: unknown): value is StoreSnapshot {
  const candidate = value as Partial<StoreSnapshot> | null;
  return candidate?.version === 1 && Array.isArray(candidate.traces) && Array.isArray(candidate.items);
}

/**
 * The saved snapshot; none on a first start. An unreadable file is set aside (not deleted, not
 * fatal) and reported, so one bad write never stops the inspector from starting.
 */
export async function loadSnapshot(
  file: string,
): Promise<{ snapshot: StoreSnapshot | undefined; warning: string | undefined }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { snapshot: undefined, warning: undefined };
    throw err;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isSnapshot(value)) return { snapshot: value, warning: undefined };
  } catch {
    // set aside below
  }
  const aside = `${file}.unreadable-${Date.now()}`;
  await rename(file, aside);
  return { snapshot: undefined, warning: `${file} was not a trace snapshot; moved it to ${aside} and started empty` };
}

export interface SnapshotWriter {
  /** Writes now if anything changed since the last write. */
  flush(): Promise<void>;
  /** Flushes and stops listening. */
  close(): Promise<void>;
}

export interface SnapshotWriterOptions {
  delayMs?: number;
  /** A failed background write (disk full, folder removed); the next change retries. */
  onError?: (err: unknown) => void;
}

export function startSnapshotWriter(
  store: TraceStore,
  file: string,
  options: SnapshotWriterOptions = {},
): SnapshotWriter {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const temp = `${file}.${process.pid}.tmp`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, JSON.stringify(store.snapshot()));
    await rename(temp, file);
  };
  // Writes are chained so two never interleave on the temp file.
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write, write);
    return writing;
  };

  const unsubscribe = store.onChange(() => {
    dirty = true;
    timer ??= setTimeout(() => {
      flush().catch((err: unknown) => {
        dirty = true;
        options.onError?.(err);
      });
    }, options.delayMs ?? 1_000);
  });

  return {
    flush,
    close: async () => {
      unsubscribe();
      await flush();
    },
  };
}
