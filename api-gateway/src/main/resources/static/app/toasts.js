// Short notices at the bottom of the page; errors stay until dismissed or replaced.
import { $, h } from './dom.js';

/**
 * @param {string} message
 * @param {{error?: boolean, sticky?: boolean, key?: string}} [options] a `key` replaces the notice with the same key
 */
export function notify(message, { error = false, sticky = false, key } = {}) {
  if (key) document.querySelector(`.toast[data-key="${CSS.escape(key)}"]`)?.remove();
  const toast = h('div', { class: error ? 'toast error' : 'toast', role: error ? 'alert' : 'status', dataset: key ? { key } : {} },
    h('span', {}, message),
    h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: () => toast.remove() }, '×'));
  $('toasts').append(toast);
  if (!sticky) setTimeout(() => toast.remove(), error ? 8000 : 4000);
  return toast;
}

export function dismiss(key) {
  document.querySelector(`.toast[data-key="${CSS.escape(key)}"]`)?.remove();
}

/** What the contract's error codes mean for the person who met them; other codes show the server's detail. */
const EXPLAINED = {
  banned: 'You are banned from this room.',
  owner_cannot_leave: 'The owner cannot leave: make someone else the owner first.',
  not_member: 'Only members can do that: join the room first.',
  room_not_found: 'That room does not exist, or is private.',
  forbidden: 'You are not allowed to do that here.',
  message_deleted: 'That message was deleted.',
  too_many_reactions: 'That message has as many different reactions as it can have.',
  file_too_large: 'That file is larger than the server accepts.',
  network_error: 'Parley cannot be reached right now.',
};

/** The message of an API error for people: what its code means, or the problem's detail and field errors. */
export function describe(error) {
  if (EXPLAINED[error?.code]) return EXPLAINED[error.code];
  const fields = error?.errors?.map((e) => `${e.field}: ${e.message}`).join(', ');
  const wait = error?.retryAfterMs ? ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.` : '';
  return (fields || error?.message || String(error)) + wait;
}

/** Runs an action; a failure becomes an error notice instead of an unhandled rejection. */
export async function attempt(action, what) {
  try {
    return await action();
  } catch (error) {
    notify(`${what}: ${describe(error)}`, { error: true });
    return undefined;
  }
}
