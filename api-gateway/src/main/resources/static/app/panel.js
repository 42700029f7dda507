// The right-hand panel: one of members, a thread, or search results at a time.
import { $ } from './dom.js';

let kind = null;
let onClose = null;

/**
 * Shows the panel with `title` and `content`; `close` runs when it is closed or replaced.
 * @param {'members'|'thread'|'search'} what
 */
export function openPanel(what, title, content, close = null) {
  onClose?.();
  kind = what;
  onClose = close;
  $('panel-title').textContent = title;
  $('panel-body').replaceChildren(...[content].flat());
  $('panel').hidden = false;
  $('panel').dataset.kind = what;
}

export function closePanel() {
  onClose?.();
  onClose = null;
  kind = null;
  $('panel').hidden = true;
  $('panel-body').replaceChildren();
}

/** What the panel shows now, or null. */
export function panelKind() {
  return kind;
}

$('panel-close').addEventListener('click', closePanel);
