// The details panel beside the tree: ids with copy buttons, attributes grouped, events and
// exceptions with their stack, Rollbar items, and the backend's log lines of the trace.
import { STATUS_TEXT, api, copyButton, el, formatMs, valueText } from './dom.js';

const panel = () => document.getElementById('details');

function findNode(view, source, id) {
  const walk = (nodes) => {
    for (const node of nodes) {
      if (node.id === id) return node;
      const found = walk(node.children);
      if (found) return found;
    }
    return undefined;
  };
  return walk(source === 'xray' ? view.xray : view.otel);
}

function idLine(label, value) {
  return value ? el('div', {}, `${label} `, el('code', { textContent: value }), copyButton(value, label)) : undefined;
}

function entries(record) {
  return el(
    'dl',
    {},
    ...Object.entries(record).flatMap(([key, value]) => [
      el('dt', { textContent: key }),
      el('dd', { textContent: valueText(value) }),
    ]),
  );
}

function eventBlock(event, view) {
  const at = `+${formatMs(event.atMs - view.startMs)}`;
  const other = Object.fromEntries(Object.entries(event.attributes).filter(([key]) => !key.startsWith('exception.')));
  return el(
    'div',
    { className: 'event' },
    el('div', {}, el('strong', { textContent: event.name }), el('span', { className: 'meta', textContent: ` ${at}` })),
    event.exception
      ? el('div', {
          className: 'exception',
          textContent: [event.exception.type, event.exception.message].filter(Boolean).join(': '),
        })
      : undefined,
    event.exception?.stack ? el('pre', { className: 'stack', textContent: event.exception.stack }) : undefined,
    Object.keys(other).length > 0 ? entries(other) : undefined,
  );
}

function itemCard(item, view, highlighted) {
  const link = view.links.rollbar[item.uuid];
  return el(
    'div',
    { className: 'item', dataset: { uuid: item.uuid }, style: highlighted ? { borderColor: '#7a1fa2' } : undefined },
    el(
      'div',
      {},
      el('span', {
        className: `chip ${item.level === 'error' || item.level === 'critical' ? 'error' : 'ok'}`,
        textContent: item.level,
      }),
      ' ',
      el('strong', { textContent: item.title }),
    ),
    idLine('Rollbar uuid', item.uuid),
    item.request
      ? el('div', { className: 'meta', textContent: `${item.request.method ?? ''} ${item.request.url ?? ''}` })
      : undefined,
    item.environment ? el('div', { className: 'meta', textContent: `environment ${item.environment}` }) : undefined,
    link ? el('a', { href: link, target: '_blank', rel: 'noopener', textContent: 'Open in Rollbar' }) : undefined,
  );
}

function logList(lines, file, isMine) {
  if (lines.length === 0)
    return el('p', { className: 'empty', textContent: `No log lines with this trace id in ${file}.` });
  return el(
    'ol',
    { className: 'logs' },
    ...lines.map((line) => {
      const { stack, ...fields } = line.fields;
      const facts = Object.entries(fields)
        .map(([key, value]) => `${key}=${valueText(value)}`)
        .join(' ');
      return el(
        'li',
        { className: isMine(line) ? 'mine' : '' },
        el('span', { className: 'meta', textContent: `${line.time ?? ''} ` }),
        el('span', { className: `lvl-${line.level}`, textContent: line.level }),
        ` ${line.msg}`,
        facts ? el('div', { className: 'meta', textContent: facts }) : undefined,
        typeof stack === 'string' ? el('pre', { className: 'stack', textContent: stack }) : undefined,
      );
    }),
  );
}

async function logSection(view, isMine) {
  const section = el(
    'section',
    { className: 'log-section' },
    el('h3', { textContent: 'Log lines of this trace' }),
    el('p', { className: 'meta', textContent: 'loading…' }),
  );
  try {
    const { lines, file } = await api(`/api/traces/${encodeURIComponent(view.traceId)}/logs`);
    section.replaceChildren(section.firstChild, logList(lines, file, isMine));
  } catch (err) {
    section.replaceChildren(section.firstChild, el('p', { className: 'err', textContent: err.message }));
  }
  return section;
}

/** Shows one row; `uuid` highlights a Rollbar item (a marker was clicked). */
export async function showDetails(view, row, uuid) {
  const node = row.source === 'request' ? undefined : findNode(view, row.source, row.nodeId);
  const items = view.items.filter((item) => row.markers.some((marker) => marker.uuid === item.uuid));
  const requestPath = row.source === 'request' ? row.name.split(' ')[1] : undefined;
  const isMine = (line) => (node ? line.spanId === node.id : line.fields.path === requestPath);
  const key = `${view.traceId} ${row.key}`;
  panel().dataset.showing = key;
  const body = [
    el('h2', { id: 'details-title', textContent: 'Details' }),
    el(
      'h3',
      { className: 'details-name' },
      row.source === 'request' ? 'Request ' : `${row.source === 'xray' ? 'X-Ray segment' : 'OTel span'} `,
      el('span', { textContent: row.name }),
    ),
    el(
      'p',
      {},
      el('span', { className: `chip ${row.status}`, textContent: STATUS_TEXT[row.status] }),
      el('span', {
        className: 'meta',
        textContent: ` ${row.detail} · ${formatMs(row.endMs === undefined ? undefined : row.endMs - row.startMs)} · starts +${formatMs(row.startMs - view.startMs)}${row.critical ? ' · on the critical path' : ''}`,
      }),
    ),
    idLine(row.source === 'xray' ? 'segment id' : 'span id', node?.id),
    idLine('parent id', node?.parentId),
    idLine('trace id', view.traceId),
    ...items.map((item) => itemCard(item, view, item.uuid === uuid)),
    ...(node?.groups ?? []).flatMap((group) => [el('h3', { textContent: group.title }), entries(group.entries)]),
    node && node.events.length > 0 ? el('h3', { textContent: `Events (${node.events.length})` }) : undefined,
    ...(node?.events ?? []).map((event) => eventBlock(event, view)),
  ].filter(Boolean);
  panel().replaceChildren(...body);
  const logs = await logSection(view, isMine);
  if (panel().dataset.showing === key) panel().append(logs);
}

export function clearDetails() {
  delete panel().dataset.showing;
  panel().replaceChildren(
    el('h2', { id: 'details-title', textContent: 'Details' }),
    el('p', { className: 'empty', textContent: 'Select a row to see its attributes, events and log lines.' }),
  );
}
