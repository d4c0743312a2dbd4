/** Traces as terminal text (`npm run traces`): a header line, then X-Ray and OTel trees side by side. */
import type { TraceNode, TraceView } from './types.js';

function duration(node: TraceNode): string {
  if (node.endMs === undefined) return 'in progress';
  const ms = node.endMs - node.startMs;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function label(node: TraceNode): string {
  return [node.error ? '✖' : '', node.name, node.detail && node.detail !== node.name ? `(${node.detail})` : '', duration(node)].filter(Boolean).join(' ');
}

/** Box-drawing trees: `├─ ` / `└─ ` before children, `│  ` under open branches. */
export function treeLines(nodes: readonly TraceNode[], prefix = '', root = true): string[] {
  return nodes.flatMap((node, index) => {
    const last = index === nodes.length - 1;
    const branch = root ? '' : last ? '└─ ' : '├─ ';
    const under = root ? '' : last ? '   ' : '│  ';
    return [`${prefix}${branch}${label(node)}`, ...treeLines(node.children, `${prefix}${under}`, false)];
  });
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function sideBySide(left: readonly string[], right: readonly string[], columnWidth: number): string[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `${fit(left[i] ?? '', columnWidth)}  ${right[i] ?? ''}`.trimEnd());
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function renderTraceText(view: TraceView, columnWidth = 60): string {
  const { segments, spans, items } = view.counts;
  const counts = [count(segments, 'segment'), count(spans, 'span'), count(items, 'item')].join(' · ');
  const header = `${view.traceId}  ${new Date(view.startMs).toISOString()}  ${view.durationMs.toFixed(1)} ms  ${counts}${view.error ? '  ✖ error' : ''}`;
  const xray = view.xray.length > 0 ? treeLines(view.xray) : ['(none)'];
  const otel = view.otel.length > 0 ? treeLines(view.otel) : ['(none)'];
  const rollbar = view.items.map((item) => `  Rollbar ${item.level}: ${item.title}${item.request?.url ? ` (${item.request.method ?? ''} ${item.request.url})` : ''}`);
  return [header, ...sideBySide(['X-Ray segments', ...xray], ['OpenTelemetry spans', ...otel], columnWidth).map((line) => `  ${line}`), ...rollbar].join('\n');
}
