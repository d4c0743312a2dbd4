import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** The resident set size of a process, in MB, from `/proc` (Linux, as on CI). */
export function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return (Number(kb[1]) * 1024) / MB;
}
