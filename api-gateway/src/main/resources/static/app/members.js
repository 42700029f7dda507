// The open room's members, who of them is online, and — for its owner and admins — moderation.
import { $, h } from './dom.js';
import { closePanel, openPanel, panelKind } from './panel.js';
import { openDirect } from './sidebar.js';
import { client, currentRoom, state } from './state.js';
import { attempt, notify } from './toasts.js';
import { userName } from './users.js';

const ROLE_ORDER = { owner: 0, admin: 1, member: 2 };

/** Opens (or, when open, closes) the member list of the open room. */
export async function toggleMembers() {
  if (panelKind() === 'members') {
    closePanel();
    return;
  }
  const room = currentRoom();
  if (!room) return;
  const list = h('ul', { class: 'members', 'aria-label': 'Members' });
  openPanel('members', `Members of ${room.kind === 'direct' ? 'this conversation' : room.name}`, list);
  await showMembers(room, list);
}

async function showMembers(room, list) {
  const members = [];
  const loaded = await attempt(async () => {
    for await (const member of client.api.all((cursor) => client.api.members(room.id, { cursor, limit: 100 }))) members.push(member);
    return true;
  }, 'Members');
  if (!loaded || state.current !== room.id) return;
  members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || Number(state.online.has(b.userId)) - Number(state.online.has(a.userId)));
  list.replaceChildren(...members.map((member) => memberItem(room, member, list)));
}

function memberItem(room, member, list) {
  const me = member.userId === state.me.id;
  const li = h('li', { dataset: { user: member.userId, role: member.role } },
    h('span', { class: state.online.has(member.userId) ? 'dot online' : 'dot', title: state.online.has(member.userId) ? 'online' : 'offline' }),
    userName(member.userId),
    h('span', { class: 'role' }, member.role));
  if (!me) li.append(h('button', { type: 'button', class: 'small secondary message-user', title: 'Direct message',
    onclick: () => openDirect(member.userId) }, 'Message'));
  if (!me && room.kind !== 'direct') li.append(moderation(room, member, list));
  return li;
}

/** What the caller may do to a member: the owner everything, an admin only to plain members. */
function moderation(room, member, list) {
  const tools = h('div', { class: 'moderation' });
  const owner = room.myRole === 'owner';
  const admin = room.myRole === 'admin';
  const again = () => showMembers(room, list);
  if (owner && member.role !== 'owner') {
    const role = h('select', { 'aria-label': 'Role', class: 'role-select' },
      h('option', { value: 'member' }, 'member'), h('option', { value: 'admin' }, 'admin'));
    role.value = member.role;
    role.addEventListener('change', async () => {
      const done = await attempt(() => client.api.setRole(room.id, member.userId, role.value).then(() => true), 'Role');
      if (done) notify('Role changed.');
      again();
    });
    tools.append(role);
  }
  if ((owner && member.role !== 'owner') || (admin && member.role === 'member')) {
    tools.append(
      h('button', { type: 'button', class: 'small secondary kick', onclick: async () => {
        if (await attempt(() => client.api.removeMember(room.id, member.userId).then(() => true), 'Remove')) again();
      } }, 'Remove'),
      h('button', { type: 'button', class: 'small danger ban', onclick: async () => {
        if (await attempt(() => client.api.ban(room.id, member.userId).then(() => true), 'Ban')) again();
      } }, 'Ban'));
  }
  return tools;
}

/** Keeps the open list current: members joining and leaving, people coming and going. */
function refresh(roomId) {
  const room = currentRoom();
  if (panelKind() !== 'members' || !room || room.id !== roomId) return;
  const list = $('panel-body').querySelector('ul.members');
  if (list) showMembers(room, list);
}

client.on('member_joined', ({ roomId }) => refresh(roomId));
client.on('member_left', ({ roomId }) => refresh(roomId));
document.addEventListener('parley:presence', () => {
  if (panelKind() !== 'members') return;
  for (const li of $('panel-body').querySelectorAll('ul.members li')) {
    const online = state.online.has(li.dataset.user);
    const dot = li.querySelector('.dot');
    dot.className = online ? 'dot online' : 'dot';
    dot.title = online ? 'online' : 'offline';
  }
});

$('members-button').addEventListener('click', toggleMembers);
