// Shared helpers of the dashboard pages. Every value is set with textContent or an attribute:
// evidence, claims and objectives are data written by models and workspaces, never markup.

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
  return node;
}

/** Replaces the page's main content. */
export function mount(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  return main;
}

/** Fetches JSON from the dashboard's API; throws with the server's message on an error status. */
export async function api(path, init) {
  const response = await fetch(path, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? body.error ?? `HTTP ${response.status}`);
  return body;
}

/** Sends JSON with a state-changing method. */
export function send(path, method, value) {
  return api(path, { method, body: JSON.stringify(value ?? {}) });
}

export function percent(rate) {
  return typeof rate === 'number' ? `${(rate * 100).toFixed(1)}%` : '–';
}

export function verdictBadge(verdict) {
  return el('span', { class: `badge verdict-${String(verdict ?? 'none').toLowerCase()}` }, verdict ?? '–');
}

/** The mission id in the address `/missions/<id>[/trace]`. */
export function missionIdFromPath() {
  return decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
}
