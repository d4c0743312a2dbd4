// The trace list: filters (sent to the API), newest first by start time, the selection kept across
// live updates.
import { STATUS_TEXT, ago, el, formatMs, plural } from './dom.js';

const FILTERS = ['route', 'status', 'minMs', 'q'];

/** The API query of the filter form, e.g. `status=error&q=mock`. */
export function filterQuery(form) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value !== '') params.set(name, value);
  }
  return params;
}

function traceItem(trace, selectedId, longestMs) {
  const more = trace.roots.length > 1 ? ` +${trace.roots.length - 1}` : '';
  return el(
    'li',
    {},
    el(
      'a',
      {
        href: `#/traces/${trace.traceId}`,
        dataset: { traceId: trace.traceId, status: trace.status },
        'aria-current': String(trace.traceId === selectedId),
      },
      el(
        'span',
        { className: 'op' },
        el(
          'span',
          { className: 'what', title: `${trace.service} ${trace.operation}${more}` },
          el('span', { className: 'svc', textContent: `${trace.service} ` }),
          `${trace.operation}${more}`,
        ),
        el('span', { className: `chip ${trace.status}`, textContent: STATUS_TEXT[trace.status] }),
      ),
      el(
        'span',
        { className: 'facts' },
        el('span', { textContent: formatMs(trace.durationMs) }),
        el(
          'span',
          { className: 'minibar', 'aria-hidden': 'true' },
          el('i', { style: { width: `${Math.max(4, (trace.durationMs / longestMs) * 100)}%` } }),
        ),
        el('span', { textContent: ago(trace.startMs) }),
        el('span', {
          textContent: [
            plural(trace.counts.segments, 'segment'),
            plural(trace.counts.spans, 'span'),
            plural(trace.counts.items, 'item'),
          ].join(' · '),
        }),
      ),
    ),
  );
}

/** Redraws the list; the link that had focus gets it back, so live updates never steal it. */
export function renderList({ traces, matched, total, routes }, selectedId) {
  const ol = document.getElementById('traces');
  const focused = document.activeElement?.dataset?.traceId;
  const longestMs = Math.max(1, ...traces.map((trace) => trace.durationMs));
  ol.replaceChildren(...traces.map((trace) => traceItem(trace, selectedId, longestMs)));
  if (traces.length === 0)
    ol.replaceChildren(
      el('li', { className: 'empty', textContent: total === 0 ? 'No traces yet.' : 'No trace matches these filters.' }),
    );
  if (focused) ol.querySelector(`a[data-trace-id="${CSS.escape(focused)}"]`)?.focus();
  document.getElementById('list-count').textContent =
    matched === total ? plural(total, 'trace') : `${matched} of ${plural(total, 'trace')} match`;
  const datalist = document.getElementById('routes');
  if (datalist.dataset.routes !== routes.join('\n')) {
    datalist.dataset.routes = routes.join('\n');
    datalist.replaceChildren(...routes.map((route) => el('option', { value: route })));
  }
}
