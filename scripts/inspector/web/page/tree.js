// One trace as one tree: each request, its X-Ray segments and its OTel spans, on one time axis with
// ticks; collapsible; keyboard driven (arrows, Enter, n / p for the next / previous error).
import { STATUS_TEXT, copyButton, el, formatMs } from './dom.js';

const SOURCE_LABEL = { xray: 'X-Ray', otel: 'OTel' };
/** Room each axis label needs, so ticks never overlap whatever the width. */
const TICK_SPACING_PX = 90;

export function createTreeView({ onSelectRow, onSelectItem }) {
  const tree = document.getElementById('tree');
  const axis = document.getElementById('axis');
  const head = document.getElementById('trace-head');
  let view;
  let rows = [];
  let byKey = new Map();
  let elements = new Map();
  let selectedKey;
  /** Collapsed rows per trace id, kept across live redraws. */
  const collapsed = new Map();

  const collapsedOf = () => collapsed.get(view.traceId) ?? collapsed.set(view.traceId, new Set()).get(view.traceId);
  const visibleRows = () => rows.filter((row) => !elements.get(row.key).hidden);
  const timeScale = () => ({ start: view.startMs, span: Math.max(view.durationMs, 1e-3) });
  const percent = (ms) => `${Math.min(100, Math.max(0, ((ms - timeScale().start) / timeScale().span) * 100))}%`;

  function applyVisibility() {
    const shut = collapsedOf();
    const shown = new Map();
    for (const row of rows) {
      const visible = row.parentKey === undefined || (shown.get(row.parentKey) && !shut.has(row.parentKey));
      shown.set(row.key, visible);
      const node = elements.get(row.key);
      node.hidden = !visible;
      if (row.hasChildren) node.setAttribute('aria-expanded', String(!shut.has(row.key)));
      node.querySelector('.twisty').textContent = row.hasChildren ? (shut.has(row.key) ? '▸' : '▾') : '';
    }
  }

  function toggle(key, open) {
    const shut = collapsedOf();
    if (open ?? shut.has(key)) shut.delete(key);
    else shut.add(key);
    applyVisibility();
  }

  function select(key, { focus = true } = {}) {
    const row = byKey.get(key);
    if (!row) return;
    for (let at = row.parentKey; at !== undefined; at = byKey.get(at).parentKey) collapsedOf().delete(at);
    applyVisibility();
    elements.get(selectedKey)?.setAttribute('aria-selected', 'false');
    elements.get(selectedKey)?.setAttribute('tabindex', '-1');
    selectedKey = key;
    const node = elements.get(key);
    node.setAttribute('aria-selected', 'true');
    node.setAttribute('tabindex', '0');
    if (focus) node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'nearest' });
    onSelectRow(view, row);
  }

  /** The next (+1) or previous (-1) row that failed, wrapping around; collapsed ancestors open. */
  function jumpToError(direction) {
    const errors = rows.filter((row) => row.status === 'error' && row.source !== 'request');
    if (errors.length === 0) return;
    const at = rows.findIndex((row) => row.key === selectedKey);
    const after = direction > 0 ? errors.find((row) => rows.indexOf(row) > at) ?? errors[0] : [...errors].reverse().find((row) => rows.indexOf(row) < at) ?? errors.at(-1);
    select(after.key);
  }

  function rowElement(row) {
    const { start, span } = timeScale();
    const end = row.endMs ?? start + span;
    const classes = ['row', row.source, row.status, row.critical ? 'critical' : ''].filter(Boolean).join(' ');
    const label = [SOURCE_LABEL[row.source], row.name, row.detail, formatMs(row.endMs === undefined ? undefined : row.endMs - row.startMs), row.status === 'ok' ? '' : STATUS_TEXT[row.status], row.critical ? 'critical path' : ''].filter(Boolean).join(', ');
    const twisty = el('button', { type: 'button', className: row.hasChildren ? 'twisty' : 'twisty none', tabIndex: -1, 'aria-hidden': 'true' });
    const markers = row.markers.map((marker) =>
      el('button', { type: 'button', className: 'marker', tabIndex: -1, style: { left: percent(marker.atMs) }, title: `Rollbar ${marker.level}: ${marker.title}`, 'aria-label': `Rollbar ${marker.level}: ${marker.title}`, dataset: { uuid: marker.uuid } }));
    const node = el('div', { className: classes, role: 'treeitem', tabIndex: -1, 'aria-level': row.depth + 1, 'aria-selected': 'false', 'aria-label': label, dataset: { key: row.key, status: row.status } },
      el('span', { className: 'label', style: { paddingLeft: `${row.depth * 14}px` } },
        twisty,
        row.source === 'request' ? undefined : el('span', { className: `badge ${row.source}`, textContent: SOURCE_LABEL[row.source] }),
        el('span', { className: 'name', textContent: row.name, title: row.name }),
        row.detail ? el('span', { className: 'detail', textContent: row.detail, title: row.detail }) : undefined),
      el('span', { className: 'dur', textContent: formatMs(row.endMs === undefined ? undefined : row.endMs - row.startMs) }),
      el('span', { className: 'lane' },
        el('span', { className: 'bar', style: { left: percent(row.startMs), width: `max(2px, ${((Math.min(end, start + span) - row.startMs) / span) * 100}%)` } }),
        ...markers));
    return node;
  }

  function renderAxis() {
    if (!view) return;
    const lane = el('span', { className: 'lane' });
    axis.replaceChildren(el('span', { className: 'meta', textContent: 'time since the trace started' }), el('span'), lane);
    const width = lane.clientWidth;
    const count = Math.max(2, Math.min(6, Math.floor(width / TICK_SPACING_PX) + 1));
    const { span } = timeScale();
    for (let i = 0; i < count; i += 1) {
      const fraction = i / (count - 1);
      const position = i === 0 ? 'start' : i === count - 1 ? 'end' : 'mid';
      lane.append(el('span', { className: `tick ${position}`, style: { left: `${fraction * 100}%` }, textContent: formatMs(span * fraction) }));
    }
  }

  function renderHead(links) {
    const errors = rows.filter((row) => row.status === 'error' && row.source !== 'request').length;
    const button = (text, title, onClick, disabled = false) => {
      const node = el('button', { type: 'button', textContent: text, title, disabled });
      node.addEventListener('click', onClick);
      return node;
    };
    const expandAll = (open) => () => {
      const shut = collapsedOf();
      for (const row of rows) {
        if (!row.hasChildren || row.depth === 0) continue;
        if (open) shut.delete(row.key);
        else shut.add(row.key);
      }
      applyVisibility();
    };
    const id = encodeURIComponent(view.traceId);
    head.replaceChildren(
      el('h2', { id: 'trace-title', textContent: 'Trace' }),
      el('p', { className: 'title' },
        el('span', { className: `chip ${view.status}`, textContent: STATUS_TEXT[view.status] }),
        el('strong', { textContent: `${view.service} ${view.operation}` }),
        el('span', { className: 'meta', textContent: `${formatMs(view.durationMs)} · ${view.counts.segments} segments · ${view.counts.spans} spans · ${view.counts.items} items · ${new Date(view.startMs).toLocaleString()}` })),
      el('div', { className: 'ids' },
        el('span', {}, 'X-Ray ', el('code', { id: 'trace-id', textContent: view.traceId }), copyButton(view.traceId, 'X-Ray trace id')),
        el('span', {}, 'OTel ', el('code', { textContent: view.otelTraceId }), copyButton(view.otelTraceId, 'OpenTelemetry trace id'))),
      el('div', { className: 'toolbar' },
        button('◀ Previous error', 'Previous error (p)', () => jumpToError(-1), errors === 0),
        button(`Next error ▶ (${errors})`, 'Next error (n)', () => jumpToError(1), errors === 0),
        button('Expand all', 'Expand every row', expandAll(true)),
        button('Collapse all', 'Collapse to the requests', expandAll(false)),
        el('a', { href: `/api/traces/${id}/export`, download: `trace-${view.traceId}.json`, textContent: 'Export JSON' }),
        el('a', { href: `/api/traces/${id}/export?format=otlp`, download: `trace-${view.traceId}.otlp.json`, textContent: 'Export OTLP' }),
        links.xray ? el('a', { href: links.xray, target: '_blank', rel: 'noopener', textContent: 'X-Ray console' }) : undefined,
        links.honeycomb ? el('a', { href: links.honeycomb, target: '_blank', rel: 'noopener', textContent: 'Honeycomb' }) : undefined),
      el('div', { className: 'legend' },
        el('span', {}, el('i', { style: { background: 'var(--xray)' } }), 'X-Ray'),
        el('span', {}, el('i', { style: { background: 'var(--otel)' } }), 'OpenTelemetry'),
        el('span', {}, el('i', { style: { background: 'var(--err)' } }), 'error'),
        el('span', {}, el('i', { style: { background: '#8a93a3', boxShadow: 'inset 0 -3px 0 rgba(0,0,0,.55)' } }), 'critical path'),
        el('span', {}, el('i', { style: { background: '#7a1fa2', width: '8px', transform: 'rotate(45deg)' } }), 'Rollbar item')));
  }

  // One listener for every row (a 500-span trace would otherwise bind a thousand).
  tree.addEventListener('click', (event) => {
    const node = event.target.closest('.row');
    if (!node) return;
    const key = node.dataset.key;
    if (event.target.closest('.twisty')) return toggle(key);
    select(key);
    const marker = event.target.closest('.marker');
    if (marker) onSelectItem(view, marker.dataset.uuid);
  });
  tree.addEventListener('keydown', (event) => {
    const shown = visibleRows();
    const at = shown.findIndex((row) => row.key === selectedKey);
    const row = byKey.get(selectedKey);
    const move = (index) => shown[index] && select(shown[index].key);
    const keys = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(Math.max(0, at - 1)),
      Home: () => move(0),
      End: () => move(shown.length - 1),
      ArrowRight: () => (row?.hasChildren && collapsedOf().has(row.key) ? toggle(row.key, true) : move(at + 1)),
      ArrowLeft: () => (row?.hasChildren && !collapsedOf().has(row.key) ? toggle(row.key, false) : row?.parentKey && select(row.parentKey)),
      Enter: () => row && select(row.key),
      ' ': () => row && toggle(row.key),
    };
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
  window.addEventListener('resize', renderAxis);

  return {
    /** Draws a trace; a redraw of the same trace keeps what was collapsed and selected. */
    render(next) {
      const keep = view?.traceId === next.traceId ? selectedKey : undefined;
      view = next;
      rows = next.rows;
      byKey = new Map(rows.map((row) => [row.key, row]));
      elements = new Map();
      const fragment = document.createDocumentFragment();
      for (const row of rows) {
        const node = rowElement(row);
        elements.set(row.key, node);
        fragment.append(node);
      }
      tree.replaceChildren(fragment);
      selectedKey = undefined;
      applyVisibility();
      renderHead(next.links);
      renderAxis();
      if (keep && byKey.has(keep)) select(keep, { focus: false });
      else elements.get(rows[0]?.key)?.setAttribute('tabindex', '0');
    },
    jumpToError,
    clear() {
      view = undefined;
      rows = [];
      tree.replaceChildren();
      axis.replaceChildren();
      head.replaceChildren(el('h2', { id: 'trace-title', textContent: 'Trace' }), el('p', { className: 'empty', textContent: 'Pick a trace on the left.' }));
    },
    get traceId() {
      return view?.traceId;
    },
  };
}
