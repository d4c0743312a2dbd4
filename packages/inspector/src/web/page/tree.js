// One trace as one tree: each request, its X-Ray segments and its OTel spans, on one time axis with
// ticks; collapsible; keyboard driven (arrows, Enter, n / p for the next / previous error). Only the
// rows in view (and a margin) are in the page, so a trace of thousands of spans opens as fast as a
// small one; scrolling draws the rows it reaches.
import { STATUS_TEXT, copyButton, el, formatMs, plural } from './dom.js';

const SOURCE_LABEL = { xray: 'X-Ray', otel: 'OTel' };
/** Room each axis label needs, so ticks never overlap whatever the width. */
const TICK_SPACING_PX = 90;
/** `.row`'s fixed height in page.css. */
const ROW_PX = 22;
/** Rows drawn beyond each edge of the view, so scrolling a little draws nothing new. */
const MARGIN_ROWS = 20;

export function createTreeView({ onSelectRow, onSelectItem }) {
  const scroller = document.getElementById('tree-scroll');
  const tree = document.getElementById('tree');
  const axis = document.getElementById('axis');
  const head = document.getElementById('trace-head');
  let view;
  let rows = [];
  /** The rows no collapsed ancestor hides, in order: what the window is cut from. */
  let shownRows = [];
  let byKey = new Map();
  /** Row elements made so far (made when first scrolled into the window, then reused). */
  let elements = new Map();
  let selectedKey;
  let scheduled = false;
  const [topSpacer, bottomSpacer] = [el('div', { 'aria-hidden': 'true' }), el('div', { 'aria-hidden': 'true' })];
  /** The drawn rows, between the spacers; `display: contents`, so the rows are the tree's items. */
  const rowsBox = el('div', { className: 'rows', role: 'none' });
  let drawn = { first: -1, last: -1 };
  tree.replaceChildren(topSpacer, rowsBox, bottomSpacer);
  /** Collapsed rows per trace id, kept across live redraws. */
  const collapsed = new Map();

  const collapsedOf = () => collapsed.get(view.traceId) ?? collapsed.set(view.traceId, new Set()).get(view.traceId);
  const timeScale = () => ({ start: view.startMs, span: Math.max(view.durationMs, 1e-3) });
  const percent = (ms) => `${Math.min(100, Math.max(0, ((ms - timeScale().start) / timeScale().span) * 100))}%`;

  function elementOf(row) {
    if (!elements.has(row.key)) elements.set(row.key, rowElement(row));
    const node = elements.get(row.key);
    const shut = collapsedOf().has(row.key);
    if (row.hasChildren) node.setAttribute('aria-expanded', String(!shut));
    node.querySelector('.twisty').textContent = row.hasChildren ? (shut ? '▸' : '▾') : '';
    node.setAttribute('aria-selected', String(row.key === selectedKey));
    node.tabIndex = row.key === (selectedKey ?? shownRows[0]?.key) ? 0 : -1;
    return node;
  }

  /**
   * Draws the rows in view plus a margin; spacers stand for the rest, so the scrollbar is right.
   * Only the rows between the spacers change, and only when the range does (`force` after a
   * collapse or a selection).
   */
  function renderWindow(force = false) {
    const offset = scroller.scrollTop - tree.offsetTop;
    const first = Math.max(0, Math.floor(offset / ROW_PX) - MARGIN_ROWS);
    const last = Math.min(shownRows.length, Math.ceil((offset + scroller.clientHeight) / ROW_PX) + MARGIN_ROWS);
    if (!force && drawn.first === first && drawn.last === last) return;
    drawn = { first, last };
    topSpacer.style.height = `${first * ROW_PX}px`;
    bottomSpacer.style.height = `${(shownRows.length - last) * ROW_PX}px`;
    // Rows that stay are left where they are (moving the focused one would blur it).
    const wanted = shownRows.slice(first, last).map(elementOf);
    const keep = new Set(wanted);
    for (const child of Array.from(rowsBox.children)) if (!keep.has(child)) child.remove();
    let cursor = rowsBox.firstElementChild;
    for (const node of wanted) {
      if (node === cursor) cursor = cursor.nextElementSibling;
      else rowsBox.insertBefore(node, cursor);
    }
  }

  function applyVisibility() {
    const shut = collapsedOf();
    const shown = new Set();
    shownRows = rows.filter((row) => {
      const visible = row.parentKey === undefined || (shown.has(row.parentKey) && !shut.has(row.parentKey));
      if (visible) shown.add(row.key);
      return visible;
    });
    renderWindow(true);
  }

  function toggle(key, open) {
    const shut = collapsedOf();
    if (open ?? shut.has(key)) shut.delete(key);
    else shut.add(key);
    applyVisibility();
    elements.get(key)?.focus({ preventScroll: true });
  }

  /** Scrolls the row into the view (under the sticky axis), then draws the window there. */
  function reveal(key) {
    const top = tree.offsetTop + shownRows.findIndex((row) => row.key === key) * ROW_PX;
    const axisPx = axis.offsetHeight;
    if (top - axisPx < scroller.scrollTop) scroller.scrollTop = top - axisPx;
    else if (top + ROW_PX > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW_PX - scroller.clientHeight;
    renderWindow(true);
  }

  function select(key, { focus = true } = {}) {
    const row = byKey.get(key);
    if (!row) return;
    for (let at = row.parentKey; at !== undefined; at = byKey.get(at).parentKey) collapsedOf().delete(at);
    selectedKey = key;
    applyVisibility();
    reveal(key);
    if (focus) elements.get(key).focus({ preventScroll: true });
    onSelectRow(view, row);
  }

  /** The next (+1) or previous (-1) row that failed, wrapping around; collapsed ancestors open. */
  function jumpToError(direction) {
    const errors = rows.filter((row) => row.status === 'error' && row.source !== 'request');
    if (errors.length === 0) return;
    const at = rows.findIndex((row) => row.key === selectedKey);
    const after =
      direction > 0
        ? (errors.find((row) => rows.indexOf(row) > at) ?? errors[0])
        : ([...errors].reverse().find((row) => rows.indexOf(row) < at) ?? errors.at(-1));
    select(after.key);
  }

  function rowElement(row) {
    const { start, span } = timeScale();
    const end = row.endMs ?? start + span;
    const classes = ['row', row.source, row.status, row.critical ? 'critical' : ''].filter(Boolean).join(' ');
    const label = [
      SOURCE_LABEL[row.source],
      row.name,
      row.detail,
      formatMs(row.endMs === undefined ? undefined : row.endMs - row.startMs),
      row.status === 'ok' ? '' : STATUS_TEXT[row.status],
      row.critical ? 'critical path' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const twisty = el('button', {
      type: 'button',
      className: row.hasChildren ? 'twisty' : 'twisty none',
      tabIndex: -1,
      'aria-hidden': 'true',
    });
    const markers = row.markers.map((marker) =>
      el('button', {
        type: 'button',
        className: 'marker',
        tabIndex: -1,
        style: { left: percent(marker.atMs) },
        title: `Rollbar ${marker.level}: ${marker.title}`,
        'aria-label': `Rollbar ${marker.level}: ${marker.title}`,
        dataset: { uuid: marker.uuid },
      }),
    );
    const node = el(
      'div',
      {
        className: classes,
        role: 'treeitem',
        tabIndex: -1,
        'aria-level': row.depth + 1,
        'aria-selected': 'false',
        'aria-label': label,
        dataset: { key: row.key, status: row.status },
      },
      el(
        'span',
        { className: 'label', style: { paddingLeft: `${row.depth * 14}px` } },
        twisty,
        row.source === 'request'
          ? undefined
          : el('span', { className: `badge ${row.source}`, textContent: SOURCE_LABEL[row.source] }),
        el('span', { className: 'name', textContent: row.name, title: row.name }),
        row.detail ? el('span', { className: 'detail', textContent: row.detail, title: row.detail }) : undefined,
      ),
      el('span', {
        className: 'dur',
        textContent: formatMs(row.endMs === undefined ? undefined : row.endMs - row.startMs),
      }),
      el(
        'span',
        { className: 'lane' },
        el('span', {
          className: 'bar',
          style: {
            left: percent(row.startMs),
            width: `max(2px, ${((Math.min(end, start + span) - row.startMs) / span) * 100}%)`,
          },
        }),
        ...markers,
      ),
    );
    return node;
  }

  function renderAxis() {
    if (!view) return;
    const lane = el('span', { className: 'lane' });
    axis.replaceChildren(
      el('span', { className: 'meta', textContent: 'time since the trace started' }),
      el('span'),
      lane,
    );
    const width = lane.clientWidth;
    const count = Math.max(2, Math.min(6, Math.floor(width / TICK_SPACING_PX) + 1));
    const { span } = timeScale();
    for (let i = 0; i < count; i += 1) {
      const fraction = i / (count - 1);
      const position = i === 0 ? 'start' : i === count - 1 ? 'end' : 'mid';
      lane.append(
        el('span', {
          className: `tick ${position}`,
          style: { left: `${fraction * 100}%` },
          textContent: formatMs(span * fraction),
        }),
      );
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
      el(
        'p',
        { className: 'title' },
        el('span', { className: `chip ${view.status}`, textContent: STATUS_TEXT[view.status] }),
        el('strong', { textContent: `${view.service} ${view.operation}` }),
        el('span', {
          className: 'meta',
          textContent: [
            formatMs(view.durationMs),
            plural(view.counts.segments, 'segment'),
            plural(view.counts.spans, 'span'),
            plural(view.counts.items, 'item'),
            new Date(view.startMs).toLocaleString(),
          ].join(' · '),
        }),
      ),
      el(
        'div',
        { className: 'ids' },
        el(
          'span',
          {},
          'X-Ray ',
          el('code', { id: 'trace-id', textContent: view.traceId }),
          copyButton(view.traceId, 'X-Ray trace id'),
        ),
        el(
          'span',
          {},
          'OTel ',
          el('code', { textContent: view.otelTraceId }),
          copyButton(view.otelTraceId, 'OpenTelemetry trace id'),
        ),
      ),
      el(
        'div',
        { className: 'toolbar' },
        button('◀ Previous error', 'Previous error (p)', () => jumpToError(-1), errors === 0),
        button(`Next error ▶ (${errors})`, 'Next error (n)', () => jumpToError(1), errors === 0),
        button('Expand all', 'Expand every row', expandAll(true)),
        button('Collapse all', 'Collapse to the requests', expandAll(false)),
        el('a', {
          href: `/api/traces/${id}/export`,
          download: `trace-${view.traceId}.json`,
          textContent: 'Export JSON',
        }),
        el('a', {
          href: `/api/traces/${id}/export?format=otlp`,
          download: `trace-${view.traceId}.otlp.json`,
          textContent: 'Export OTLP',
        }),
        links.xray
          ? el('a', { href: links.xray, target: '_blank', rel: 'noopener', textContent: 'X-Ray console' })
          : undefined,
        links.honeycomb
          ? el('a', { href: links.honeycomb, target: '_blank', rel: 'noopener', textContent: 'Honeycomb' })
          : undefined,
      ),
      el(
        'div',
        { className: 'legend' },
        el('span', {}, el('i', { style: { background: 'var(--xray)' } }), 'X-Ray'),
        el('span', {}, el('i', { style: { background: 'var(--otel)' } }), 'OpenTelemetry'),
        el('span', {}, el('i', { style: { background: 'var(--err)' } }), 'error'),
        el(
          'span',
          {},
          el('i', { style: { background: '#8a93a3', boxShadow: 'inset 0 -3px 0 rgba(0,0,0,.55)' } }),
          'critical path',
        ),
        el(
          'span',
          {},
          el('i', { style: { background: '#7a1fa2', width: '8px', transform: 'rotate(45deg)' } }),
          'Rollbar item',
        ),
      ),
    );
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
    const shown = shownRows;
    const at = shown.findIndex((row) => row.key === selectedKey);
    const row = byKey.get(selectedKey);
    const move = (index) => shown[index] && select(shown[index].key);
    const keys = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(Math.max(0, at - 1)),
      Home: () => move(0),
      End: () => move(shown.length - 1),
      ArrowRight: () => (row?.hasChildren && collapsedOf().has(row.key) ? toggle(row.key, true) : move(at + 1)),
      ArrowLeft: () =>
        row?.hasChildren && !collapsedOf().has(row.key)
          ? toggle(row.key, false)
          : row?.parentKey && select(row.parentKey),
      Enter: () => row && select(row.key),
      ' ': () => row && toggle(row.key),
    };
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
  window.addEventListener('resize', () => {
    renderAxis();
    if (view) renderWindow(true);
  });
  scroller.addEventListener('scroll', () => {
    if (scheduled || !view) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      renderWindow();
    });
  });

  return {
    /** Draws a trace; a redraw of the same trace keeps what was collapsed and selected. */
    render(next) {
      const same = view?.traceId === next.traceId;
      if (!same) scroller.scrollTop = 0;
      view = next;
      rows = next.rows;
      byKey = new Map(rows.map((row) => [row.key, row]));
      elements = new Map();
      if (!same || !byKey.has(selectedKey)) selectedKey = undefined;
      const hadFocus = tree.contains(document.activeElement);
      renderHead(next.links);
      renderAxis();
      applyVisibility();
      if (selectedKey) {
        // A live redraw makes new row elements: the selected one keeps the focus it had.
        if (hadFocus) elements.get(selectedKey)?.focus({ preventScroll: true });
        onSelectRow(view, byKey.get(selectedKey));
      }
    },
    jumpToError,
    clear() {
      view = undefined;
      rows = [];
      shownRows = [];
      rowsBox.replaceChildren();
      topSpacer.style.height = bottomSpacer.style.height = '0px';
      axis.replaceChildren();
      head.replaceChildren(
        el('h2', { id: 'trace-title', textContent: 'Trace' }),
        el('p', { className: 'empty', textContent: 'Pick a trace on the left.' }),
      );
    },
    get traceId() {
      return view?.traceId;
    },
  };
}
