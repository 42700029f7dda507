// Names from the directory (GET /api/users/{id}), each asked for once and shown wherever the user appears.
import { h } from './dom.js';
import { client, state } from './state.js';

/** @type {Map<string, Promise<import('../lib/types.js').User|null>>} */
const directory = new Map();
/** @type {Map<string, string>} */
const names = new Map();

/** The user, from the directory (cached). Null when unknown. */
export function lookUp(userId) {
  if (!directory.has(userId)) {
    directory.set(userId, client.api.user(userId).then((user) => {
      names.set(userId, user.displayName);
      document.querySelectorAll(`[data-user="${CSS.escape(userId)}"]`).forEach((element) => { element.textContent = user.displayName; });
      return user;
    }, () => {
      directory.delete(userId); // asked again next time
      return null;
    }));
  }
  return directory.get(userId);
}

/** The name known now (the display name, or a placeholder until the directory answers). */
export function nameOf(userId) {
  if (userId === state.me?.id) return state.me.displayName;
  if (!names.has(userId)) lookUp(userId);
  return names.get(userId) ?? '…';
}

/** An element showing a user's name, kept current when the directory answers. */
export function userName(userId, tag = 'span', className = 'who') {
  return h(tag, { class: className, dataset: { user: userId } }, nameOf(userId));
}

/** Puts a user the caller already holds (a search result) into the cache. */
export function remember(user) {
  names.set(user.id, user.displayName);
  if (!directory.has(user.id)) directory.set(user.id, Promise.resolve(user));
}

export function forgetAll() {
  directory.clear();
  names.clear();
}
