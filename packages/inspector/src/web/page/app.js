// The inspector page: a trace list (filters, live updates), one trace as one tree, and the details
// panel beside it. The trace on screen is in the URL (`#/traces/<id>`), so links and reloads open it.
import { api, el, plural } from './dom.js';
import { clearDetails, showDetails } from './details.js';
import { filterQuery, renderList } from './list.js';
import { createTreeView } from './tree.js';

const REFRESH_MS = 2000;
const filters = document.getElementById('filters');
const status = document.getElementById('status');
const selectedId = () => decodeURIComponent((location.hash.match(/^#\/traces\/(.+)$/) ?? [])[1] ?? '');
const treeView = createTreeView({
  onSelectRow: (view, row) => void showDetails(view, row),
  onSelectItem: (view, uuid) => {
    const row = view.rows.find((candidate) => candidate.markers.some((marker) => marker.uuid === uuid));
    if (row) void showDetails(view, row, uuid);
  },
});
/** The trace on screen and its lastSeenMs, so late segments and spans redraw it. */
let shown = { id: '', lastSeenMs: 0 };

function say(text) {
  status.textContent = text;
}

async function renderTrace() {
  const id = selectedId();
  if (!id) {
    shown = { id: '', lastSeenMs: 0 };
    treeView.clear();
    clearDetails();
    return;
  }
  let view;
  try {
    view = await api(`/api/traces/${encodeURIComponent(id)}`);
  } catch (err) {
    treeView.clear();
    document.getElementById('trace-head').append(el('p', { className: 'err', textContent: err.message }));
    return;
  }
  const fresh = shown.id !== view.traceId;
  shown = { id: view.traceId, lastSeenMs: view.lastSeenMs };
  treeView.render(view);
  if (fresh) clearDetails();
  // Interactive: rows drawn, handlers bound, and the browser has painted the first frame.
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('trace-interactive');
      document.body.dataset.traceReady = view.traceId;
    }),
  );
}

async function refresh() {
  try {
    const list = await api(`/api/traces?${filterQuery(filters)}`);
    renderList(list, selectedId());
    const cap = document.getElementById('cap');
    if (document.activeElement !== cap) cap.value = String(list.limits.maxTraces);
    const current = list.traces.find((trace) => trace.traceId === shown.id);
    if (current && current.lastSeenMs !== shown.lastSeenMs) await renderTrace();
    say(
      `${plural(list.total, 'trace')} kept of at most ${list.limits.maxTraces}${list.droppedRecords > 0 ? ` · ${list.droppedRecords} records dropped (trace full)` : ''}`,
    );
  } catch (err) {
    say(`cannot reach the inspector: ${err.message}`);
  }
}

filters.addEventListener('input', () => void refresh());
filters.addEventListener('submit', (event) => event.preventDefault());
async function setCap() {
  try {
    const limits = await api('/api/limits', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ maxTraces: Number(document.getElementById('cap').value) }),
    });
    say(`keeping at most ${plural(limits.maxTraces, 'trace')}`);
    await refresh();
  } catch (err) {
    say(err.message);
  }
}

async function clearAll() {
  if (!confirm('Forget every trace and Rollbar item the inspector holds?')) return;
  try {
    const { cleared } = await api('/api/traces', { method: 'DELETE' });
    history.replaceState(null, '', location.pathname);
    await renderTrace();
    await refresh();
    say(`cleared ${plural(cleared, 'trace')}`);
  } catch (err) {
    say(err.message);
  }
}

document.getElementById('store-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void setCap();
});
document.getElementById('clear').addEventListener('click', () => void clearAll());
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey || !treeView.traceId) return;
  if (event.key === 'n') treeView.jumpToError(1);
  else if (event.key === 'p') treeView.jumpToError(-1);
});
window.addEventListener('hashchange', () => void refresh().then(renderTrace));
// The list and the trace of a deep link load side by side.
void Promise.all([refresh(), renderTrace()]);
setInterval(() => void refresh(), REFRESH_MS);
