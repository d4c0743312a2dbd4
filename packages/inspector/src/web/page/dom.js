// Small helpers shared by the page's modules. Everything the inspector received is set as text
// (textContent, attributes), never parsed as HTML.

/** `el('div', { className: 'x', onclick }, child, 'text')`. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'style') Object.assign(node.style, value);
    else if (key in node && !key.startsWith('aria')) node[key] = value;
    else node.setAttribute(key, String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null && child !== false));
  return node;
}

export function formatMs(ms) {
  if (ms === undefined || ms === null) return 'running';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function ago(time, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h ago`;
  return new Date(time).toLocaleDateString();
}

export const STATUS_TEXT = { ok: 'ok', 'client-error': '4xx', error: 'error' };

/** The API answers JSON errors `{ error }`; they become the Error's message, shown as text. */
export async function api(path, init) {
  const response = await fetch(path, { cache: 'no-store', ...init });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${path} answered HTTP ${response.status}`);
  return body;
}

/** A button that copies `text`, labelled for screen readers with what it copies. */
export function copyButton(text, what) {
  const button = el('button', {
    type: 'button',
    className: 'copy',
    textContent: 'Copy',
    'aria-label': `Copy ${what}`,
    dataset: { copy: text },
  });
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select + copy';
    }
  });
  return button;
}

/** Any value as one line of text: strings as they are, the rest as JSON. */
export function valueText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
