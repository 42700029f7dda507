// What the page's parts share: the client, who is signed in, the rooms and their unread counts.
import { ParleyClient } from '../lib/parley-client.js';

export const client = new ParleyClient({ cookieSession: true });

export const state = {
  /** @type {import('../lib/types.js').User|null} */
  me: null,
  /** Joined rooms by id. @type {Map<string, import('../lib/types.js').Room>} */
  rooms: new Map(),
  /** Unread counts by room id. @type {Map<string, import('../lib/types.js').UnreadItem>} */
  unread: new Map(),
  /** The open room's id. @type {string|null} */
  current: null,
  /** Who is online in the open room. @type {Set<string>} */
  online: new Set(),
};

/** The open room, or null. */
export function currentRoom() {
  return state.current ? state.rooms.get(state.current) ?? null : null;
}

/** The caller's role in the open room: owner and admin may moderate. */
export function canModerate(room = currentRoom()) {
  return room?.myRole === 'owner' || room?.myRole === 'admin';
}
