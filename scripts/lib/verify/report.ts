/** The report: a table a person scans in a second, or the one JSON object of interfaces.md. */
import type { DestinationResult } from './types.js';

export function formatJson(traceId: string, results: readonly DestinationResult[]): string {
  return JSON.stringify({ traceId, destinations: results });
}

export function formatTable(traceId: string, results: readonly DestinationResult[]): string {
  const rows = [
    ['destination', 'found', 'ms', 'link'],
    ...results.map((r) => [r.name, r.ok ? '✔ yes' : '✖ no', String(r.ms), r.link ?? (r.ok ? '' : 'see the line below')]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  // Numbers right-aligned so magnitudes line up; the link is last and never padded.
  const cell = (text: string, column: number, last: boolean) => (last ? text : column === 2 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!));
  const line = (row: string[]) => row.map((text, column) => cell(text, column, column === row.length - 1)).join('  ').trimEnd();
  return [`trace ${traceId}`, '', ...rows.map((row) => `  ${line(row)}`)].join('\n');
}
