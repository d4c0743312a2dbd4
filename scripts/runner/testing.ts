/** Helpers shared by the runner's tests (not loaded by the runner itself). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import { readProcessStat } from './group.js';

/** A fresh directory, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'task-runner-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A stream that keeps what is written to it. */
export function captureStream(): Writable & { readonly text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/**
 * Whether a process no longer runs. A zombie counts as gone: it has exited, and only waits for a
 * parent (here possibly an init that never reaps) to collect its status.
 */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  if (process.platform !== 'linux') return false;
  return (readProcessStat(pid)?.state ?? 'Z') === 'Z'; // no stat: it exited since the probe
}

/** Durations vary run to run; golden files and assertions compare `<t>` instead. */
export function stripDurations(text: string): string {
  return text.replace(/\b\d+(?:ms|\.\d+s|m\d{2}s)\b/g, '<t>');
}
