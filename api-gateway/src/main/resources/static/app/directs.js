// Direct rooms are shown by the other person's name: their member list names them.
import { h } from './dom.js';
import { client, state } from './state.js';
import { userName } from './users.js';

/** @type {Map<string, Promise<string|null>>} room id → the other member's id */
const partners = new Map();

/** The other member of a direct room. */
export function partnerOf(room) {
  if (!partners.has(room.id)) {
    const partner = client.api.members(room.id, { limit: 5 })
      .then((page) => page.items.find((member) => member.userId !== state.me.id)?.userId ?? null);
    partner.catch(() => partners.delete(room.id));
    partners.set(room.id, partner);
  }
  return partners.get(room.id);
}

/** A room's name as shown: a direct room's is the other person's display name. */
export function roomLabel(room, className = 'room-label') {
  if (room.kind !== 'direct') return h('span', { class: className, title: room.name }, room.name);
  const label = h('span', { class: className, title: room.name }, room.name);
  partnerOf(room).then((userId) => { if (userId) label.replaceChildren(userName(userId, 'span', 'name')); }, () => {});
  return label;
}

export function forgetPartners() {
  partners.clear();
}
