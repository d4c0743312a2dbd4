/**
 * Traces as terminal text (`npm run traces`): a header line, then the page's merged tree (each
 * request, its X-Ray segments and its OTel spans) with durations and bars on one time axis, cut to
 * the terminal's width.
 */
import type { TraceRow, TraceView } from './types.js';

const SOURCE_TAG: Record<TraceRow['source'], string> = { request: '', xray: 'X-Ray ', otel: 'OTel ' };
const STATUS_MARK = { ok: '', 'client-error': '4xx ', error: '✖ ' } as const;
/** Narrower than this and the bars go; the tree and durations stay. */
const MIN_BAR_WIDTH = 10;

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** Cut or padded to `width` columns (the tree's and bars' characters are one column each). */
function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** Box-drawing prefixes (`├─ `, `└─ `, `│  `) from the rows' parent keys. */
export function treePrefixes(rows: readonly TraceRow[]): string[] {
  const lastChild = new Map<string | undefined, string>();
  for (const row of rows) lastChild.set(row.parentKey, row.key);
  const under = new Map<string, string>();
  return rows.map((row) => {
    if (row.parentKey === undefined) {
      under.set(row.key, '');
      return '';
    }
    const isLast = lastChild.get(row.parentKey) === row.key;
    const above = under.get(row.parentKey) ?? '';
    under.set(row.key, `${above}${isLast ? '   ' : '│  '}`);
    return `${above}${isLast ? '└─ ' : '├─ '}`;
  });
}

/** `···███···` for one row: its place on the trace's time axis; `◆` where a Rollbar item is. */
export function barOf(row: TraceRow, startMs: number, durationMs: number, width: number): string {
  const scale = width / Math.max(durationMs, 1e-3);
  const from = Math.min(width - 1, Math.max(0, Math.floor((row.startMs - startMs) * scale)));
  const to = Math.max(from + 1, Math.min(width, Math.ceil(((row.endMs ?? startMs + durationMs) - startMs) * scale)));
  const cells = Array.from({ length: width }, (_, i): string =>
    i >= from && i < to ? (row.critical ? '█' : '▒') : '·',
  );
  for (const marker of row.markers)
    cells[Math.min(width - 1, Math.max(0, Math.floor((marker.atMs - startMs) * scale)))] = '◆';
  return cells.join('');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function renderTraceText(view: TraceView, width = 100): string {
  const { segments, spans, items } = view.counts;
  const counts = [count(segments, 'segment'), count(spans, 'span'), count(items, 'item')].join(' · ');
  const header = [
    `${STATUS_MARK[view.status]}${view.service} ${view.operation}  ${formatMs(view.durationMs)}  ${counts}`,
    `${new Date(view.startMs).toISOString()}  ${view.traceId}  OTel ${view.otelTraceId}`,
  ].map((line) => fit(line, width).trimEnd());
  const durationWidth = 10;
  const barWidth = width >= 60 ? Math.max(MIN_BAR_WIDTH, Math.floor(width * 0.3)) : 0;
  const labelWidth = width - durationWidth - (barWidth > 0 ? barWidth + 1 : 0);
  const prefixes = treePrefixes(view.rows);
  const lines = view.rows.map((row, i) => {
    const label = `${prefixes[i]}${STATUS_MARK[row.status]}${SOURCE_TAG[row.source]}${row.name}${row.detail && row.detail !== row.name ? ` (${row.detail})` : ''}`;
    const duration = row.endMs === undefined ? 'running' : formatMs(row.endMs - row.startMs);
    const bar = barWidth > 0 ? ` ${barOf(row, view.startMs, view.durationMs, barWidth)}` : '';
    return `${fit(label, labelWidth)}${duration.padStart(durationWidth)}${bar}`.trimEnd();
  });
  const rollbar = view.items.map((item) =>
    fit(`◆ Rollbar ${item.level}: ${item.title}  ${item.uuid}`, width).trimEnd(),
  );
  return [...header, ...lines, ...rollbar].join('\n');
}
