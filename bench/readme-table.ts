/**
 * The README's bench table is `formatTable` of `bench/results.json`, between two markers: a complete
 * `npm run bench` rewrites both; `node --import tsx bench/readme-table.ts` rewrites the README's from
 * the results file alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { formatTable, type BenchResults } from './report.js';

export const RESULTS = new URL('./results.json', import.meta.url);
export const README = new URL('../README.md', import.meta.url);
const START = '<!-- bench table: generated from bench/results.json (bench/readme-table.ts) -->';
const END = '<!-- end of bench table -->';

export const readResults = (): BenchResults => JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults;

/** Where the generated table starts and ends (after the start marker, at the end marker). */
function tableBounds(readme: string): { start: number; end: number } {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no bench table between "${START}" and "${END}"`);
  return { start: start + START.length, end };
}

/** The README's generated table. */
export function readmeTable(readme: string): string {
  const { start, end } = tableBounds(readme);
  return readme.slice(start, end).trim();
}

/** `readme` with its generated table replaced by `results`', laid out as the repository's formatter lays it out. */
export async function withBenchTable(readme: string, results: BenchResults): Promise<string> {
  const { start, end } = tableBounds(readme);
  const filepath = fileURLToPath(README);
  const options = { ...(await resolveConfig(filepath)), filepath };
  return format(`${readme.slice(0, start)}\n\n${formatTable(results)}\n\n${readme.slice(end)}`, options);
}

export async function writeReadmeTable(results: BenchResults): Promise<void> {
  writeFileSync(README, await withBenchTable(readFileSync(README, 'utf8'), results));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeReadmeTable(readResults());
