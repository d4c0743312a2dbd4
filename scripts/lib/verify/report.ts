/** The report: a table a person scans in a second, or the one JSON object of interfaces.md. */
import type { Mode } from '../config/parse.js';
import type { DestinationResult } from './types.js';

export interface VerifyReport {
  traceId: string;
  otelTraceId: string;
  mode: Mode;
  destinations: readonly DestinationResult[];
}

export function formatJson(report: VerifyReport): string {
  return JSON.stringify({
    traceId: report.traceId,
    otelTraceId: report.otelTraceId,
    mode: report.mode,
    destinations: report.destinations,
  });
}

function proofCell(result: DestinationResult): string {
  if (!result.ok) return '';
  return result.pipeline ? `${result.proof} (${result.pipeline})` : (result.proof ?? '');
}

export function formatTable(report: VerifyReport): string {
  const rows = [
    ['destination', 'found', 'proof', 'ms', 'link'],
    ...report.destinations.map((r) => [
      r.name,
      r.ok ? '✔ yes' : '✖ no',
      proofCell(r),
      String(r.ms),
      r.link ?? (r.ok ? '' : 'see the line below'),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  // Numbers right-aligned so magnitudes line up; the link is last and never padded.
  const cell = (text: string, column: number, last: boolean) =>
    last ? text : column === 3 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!);
  const line = (row: string[]) =>
    row
      .map((text, column) => cell(text, column, column === row.length - 1))
      .join('  ')
      .trimEnd();
  return [
    `trace ${report.traceId} (OpenTelemetry ${report.otelTraceId}), ${report.mode} mode`,
    '',
    ...rows.map((row) => `  ${line(row)}`),
  ].join('\n');
}
