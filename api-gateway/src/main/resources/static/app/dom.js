// Building the page safely: every string from a user or the server goes in as text, never as markup.

export const $ = (id) => document.getElementById(id);

/**
 * An element with properties, attributes and children: `h('button', {class: 'small', onclick}, 'Send')`.
 * Strings become text nodes; `dataset` and `on<event>` properties are applied as such.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'text') element.textContent = value;
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** A search result's highlight as nodes: the text between U+0002 and U+0003 in <mark>, all of it as text. */
export function highlighted(text) {
  const nodes = [];
  let inside = false;
  for (const part of text.split(/([\u0002\u0003])/)) {
    if (part === '\u0002') inside = true;
    else if (part === '\u0003') inside = false;
    else if (part) nodes.push(inside ? h('mark', {}, part) : document.createTextNode(part));
  }
  return nodes;
}

/** A body as nodes, `@username` mentions styled. */
export function withMentions(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(/(^|[^\w.@-])(@[A-Za-z0-9_.-]{3,32})/g)) {
    const start = match.index + match[1].length;
    if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
    nodes.push(h('span', { class: 'mention' }, match[2]));
    last = start + match[2].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time>: the hour today, the date before. */
export function time(iso) {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return h('time', { datetime: iso, title: dateTimeFormat.format(date) }, today ? timeFormat.format(date) : dateTimeFormat.format(date));
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
