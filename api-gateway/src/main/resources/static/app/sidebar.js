// The room list with unread and mention counts, creating and finding rooms, and starting direct rooms.
import { $, h } from './dom.js';
import { roomLabel } from './directs.js';
import { client, state } from './state.js';
import { attempt, describe, notify } from './toasts.js';
import { closeRoom, hooks, openRoom } from './timeline.js';
import { remember } from './users.js';

const UNREAD_EVERY_MS = 10_000;
let unreadTimer = null;

/** Every joined room, from the first page to the last. */
export async function loadRooms() {
  const rooms = new Map();
  for await (const room of client.api.all((cursor) => client.api.rooms({ scope: 'joined', limit: 100, cursor }))) rooms.set(room.id, room);
  state.rooms = rooms;
  showRooms();
}

/** Draws the joined rooms and direct rooms, with their counts. */
export function showRooms() {
  const rooms = [...state.rooms.values()].sort((a, b) => a.name.localeCompare(b.name));
  $('joined').replaceChildren(...rooms.filter((room) => room.kind !== 'direct').map(roomItem));
  $('directs').replaceChildren(...rooms.filter((room) => room.kind === 'direct').map(roomItem));
}

function roomItem(room) {
  const unread = state.unread.get(room.id);
  const count = room.id === state.current ? 0 : unread?.unread ?? 0;
  const mentions = unread?.mentions ?? 0;
  return h('li', {
    class: [room.id === state.current ? 'active' : '', count ? 'unread' : ''].join(' ').trim(),
    dataset: { id: room.id, kind: room.kind, readSeq: unread?.readSeq ?? 0 }, tabindex: 0, 'aria-current': room.id === state.current ? 'true' : null,
    onclick: () => openRoom(room.id),
    onkeydown: (event) => { if (event.key === 'Enter') openRoom(room.id); },
  },
  room.visibility === 'private' && room.kind !== 'direct' ? h('span', { class: 'status', title: 'private' }, '🔒') : null,
  roomLabel(room),
  mentions ? h('span', { class: 'badge mention', title: `${mentions} mentioning you` }, `@${mentions}`) : null,
  count ? h('span', { class: 'badge unread-count', title: `${count} unread` }, String(count)) : null);
}

/** Unread counts from the server: every room, also those not subscribed. */
export async function refreshUnread() {
  try {
    const { items } = await client.api.unread();
    state.unread = new Map(items.map((item) => [item.roomId, item]));
    if (items.some((item) => !state.rooms.has(item.roomId))) await loadRooms(); // a room someone added us to
    showRooms();
  } catch {
    // shown again at the next poll
  }
}

export function startPolling() {
  clearInterval(unreadTimer);
  unreadTimer = setInterval(() => { if (document.visibilityState === 'visible') refreshUnread(); }, UNREAD_EVERY_MS);
}

export function stopPolling() {
  clearInterval(unreadTimer);
}

window.addEventListener('focus', () => { if (state.me) refreshUnread(); });
client.on('mention', () => refreshUnread());
client.on('member_joined', ({ roomId, userId, role }) => {
  const room = state.rooms.get(roomId);
  if (room && userId === state.me?.id && role) state.rooms.set(roomId, { ...room, myRole: role });
});

hooks.roomsChanged = showRooms;
hooks.roomLeft = (roomId) => {
  state.rooms.delete(roomId);
  state.unread.delete(roomId);
  if (state.current === roomId) closeRoom({ member: false });
  showRooms();
  searchPublic();
};

// ---- creating and finding rooms

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const room = await attempt(() => client.api.createRoom({ name: form.name.value.trim(), visibility: form.visibility.value }), 'Create room');
  if (!room) return;
  form.reset();
  state.rooms.set(room.id, room);
  openRoom(room.id);
});

let publicQuery = 0;
async function searchPublic() {
  const query = ++publicQuery;
  const q = $('public-search').value.trim();
  if (!q) {
    $('public').replaceChildren();
    return;
  }
  try {
    const page = await client.api.rooms({ scope: 'public', q, limit: 20 });
    if (query !== publicQuery) return; // a later keystroke's answer wins
    const found = page.items.filter((room) => !state.rooms.has(room.id));
    $('public').replaceChildren(...found.map((room) => h('li', { dataset: { id: room.id } },
      h('span', { class: 'room-label', title: room.topic ?? room.name }, room.name),
      h('span', { class: 'status' }, String(room.memberCount)),
      h('button', { type: 'button', class: 'small join', onclick: () => join(room) }, 'Join'))));
    if (!found.length) $('public').append(h('li', { class: 'status' }, 'No public room found.'));
  } catch (error) {
    notify(`Room search: ${describe(error)}`, { error: true });
  }
}

async function join(room) {
  const joined = await attempt(() => client.api.join(room.id).then(() => true), `Join ${room.name}`);
  if (!joined) return;
  await loadRooms();
  $('public-search').value = '';
  $('public').replaceChildren();
  openRoom(room.id);
}

let peopleQuery = 0;
async function searchPeople() {
  const query = ++peopleQuery;
  const q = $('people-search').value.trim();
  if (!q) {
    $('people').replaceChildren();
    return;
  }
  try {
    const page = await client.api.users({ q, limit: 10 });
    if (query !== peopleQuery) return;
    page.items.forEach(remember);
    const people = page.items.filter((user) => user.id !== state.me.id);
    $('people').replaceChildren(...people.map((user) => h('li', { dataset: { user: user.id } },
      h('span', { class: 'room-label', title: user.username }, user.displayName),
      h('span', { class: 'status' }, '@' + user.username),
      h('button', { type: 'button', class: 'small message-user', onclick: () => openDirect(user.id) }, 'Message'))));
    if (!people.length) $('people').append(h('li', { class: 'status' }, 'Nobody by that name.'));
  } catch (error) {
    notify(`People search: ${describe(error)}`, { error: true });
  }
}

/** Opens the direct room with a user (creating it the first time). */
export async function openDirect(userId) {
  const room = await attempt(() => client.api.directRoom(userId), 'Direct message');
  if (!room) return;
  state.rooms.set(room.id, room);
  $('people-search').value = '';
  $('people').replaceChildren();
  openRoom(room.id);
}

function debounced(action, ms = 200) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}

$('public-search').addEventListener('input', debounced(searchPublic));
$('people-search').addEventListener('input', debounced(searchPeople));
