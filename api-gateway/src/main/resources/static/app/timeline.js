// The open room: its history (scrolling back with `before`), live messages, what has been read, who is
// here and who is typing. Only the open room is subscribed; switching rooms unsubscribes the last one.
import { $, h } from './dom.js';
import { partnerOf, roomLabel } from './directs.js';
import { applyReaction, fill, messageItem, pendingItem } from './message-view.js';
import { closePanel, panelKind } from './panel.js';
import { client, currentRoom, state } from './state.js';
import { attempt, describe, notify } from './toasts.js';
import { nameOf } from './users.js';

const PAGE = 50;

/** The open room's view. `generation` tells answers for a room left meanwhile from current ones. */
const view = {
  generation: 0,
  /** @type {Map<number, import('../lib/types.js').Message>} every message loaded, replies included */
  messages: new Map(),
  oldestSeq: null,
  hasOlder: false,
  loadingOlder: null,
  /** whether the reader is at the end of the timeline (as of their last scroll) */
  pinned: true,
  /** seqs of the items on screen now */
  visible: new Set(),
  readTimer: null,
  typers: new Map(),
};

/** Callbacks the other parts register: redraw the room list, open a thread. */
export const hooks = { roomsChanged: () => {}, openThread: () => {}, roomLeft: () => {} };

const seen = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const seq = Number(entry.target.dataset.seq);
    if (entry.isIntersecting) view.visible.add(seq);
    else view.visible.delete(seq);
  }
  scheduleRead();
}, { root: $('timeline'), threshold: 0.5 });

/** Opens a room: the latest page of history, then the subscription from its last seq on. */
export async function openRoom(roomId) {
  const room = state.rooms.get(roomId);
  if (!room) return;
  markSeen(); // what was on screen of the last room has been seen, however briefly
  if (state.current && state.current !== roomId) client.unsubscribe(state.current);
  const generation = ++view.generation;
  state.current = roomId;
  sessionStorage.setItem('parley.room', roomId);
  resetView();
  if (panelKind() === 'thread' || panelKind() === 'members') closePanel();
  showHeader(room);
  hooks.roomsChanged();

  let page;
  try {
    page = await client.api.history(roomId, { limit: PAGE });
  } catch (error) {
    notify(`Could not load ${room.name}: ${describe(error)}`, { error: true });
    return;
  }
  if (generation !== view.generation) return;
  view.hasOlder = page.hasMore;
  view.oldestSeq = page.items[0]?.seq ?? null;
  $('messages').replaceChildren(...page.items.map(remember).filter(isTopLevel).map(item));
  client.socket.unacknowledged(roomId).forEach((frame) => $('messages').append(pendingItem(frame)));
  showOlderControls();
  scrollToEnd();
  // every message after the page's last one arrives over the subscription: no gap, no repeat
  client.subscribe(roomId, { sinceSeq: page.items.at(-1)?.seq ?? 0 })
    .catch((error) => { if (generation === view.generation) notify(`${room.name}: ${describe(error)}`, { error: true }); });
  loadPresence(roomId, generation);
  // a page of thread replies only would look empty: fetch further back until there is something to read
  for (let i = 0; i < 5 && view.hasOlder && $('messages').children.length < 20 && generation === view.generation; i++) {
    await loadOlder();
  }
}

/**
 * Leaves the view empty (no room open). `member: false` when the room is gone for us (left, kicked, banned,
 * deleted): what was on screen is no longer ours to mark read.
 */
export function closeRoom({ member = true } = {}) {
  if (member) markSeen();
  if (state.current) client.unsubscribe(state.current);
  state.current = null;
  view.generation++;
  sessionStorage.removeItem('parley.room');
  resetView();
  $('room-name').textContent = 'Pick a room';
  $('no-room').hidden = false;
  $('send-form').hidden = true;
  $('members-button').hidden = true;
  $('leave-button').hidden = true;
  hooks.roomsChanged();
}

function resetView() {
  view.messages.clear();
  view.visible.clear();
  view.oldestSeq = null;
  view.hasOlder = false;
  view.loadingOlder = null;
  view.typers.forEach((timer) => clearTimeout(timer));
  view.typers.clear();
  seen.disconnect();
  state.online.clear();
  $('messages').replaceChildren();
  $('typing').textContent = '';
  $('room-topic').textContent = '';
  $('room-presence').textContent = '';
  $('older').hidden = true;
  $('timeline-start').hidden = true;
  $('jump').hidden = true;
}

function showHeader(room) {
  $('no-room').hidden = true;
  $('room-name').replaceChildren(roomLabel(room, 'name'));
  $('room-topic').textContent = room.topic ?? '';
  $('send-form').hidden = false;
  $('members-button').hidden = false;
  $('leave-button').hidden = false;
  $('leave-button').textContent = 'Leave';
  $('send-form').body.focus();
}

function remember(message) {
  view.messages.set(message.seq, message);
  return message;
}

const isTopLevel = (message) => !message.threadRoot;

function item(message) {
  const li = messageItem(message, { openThread: hooks.openThread });
  seen.observe(li);
  return li;
}

// ---- scrolling back

/** Loads the page before the oldest loaded message, keeping what is on screen where it is. */
export function loadOlder() {
  if (!view.hasOlder || view.oldestSeq === null) return Promise.resolve();
  view.loadingOlder ??= (async () => {
    const generation = view.generation;
    const roomId = state.current;
    try {
      const page = await client.api.history(roomId, { before: view.oldestSeq, limit: PAGE });
      if (generation !== view.generation) return;
      const timeline = $('timeline');
      const fromBottom = timeline.scrollHeight - timeline.scrollTop;
      $('messages').prepend(...page.items.map(remember).filter(isTopLevel).map(item));
      timeline.scrollTop = timeline.scrollHeight - fromBottom;
      view.hasOlder = page.hasMore;
      view.oldestSeq = page.items[0]?.seq ?? view.oldestSeq;
      showOlderControls();
    } catch (error) {
      notify(`Could not load older messages: ${describe(error)}`, { error: true });
    } finally {
      view.loadingOlder = null;
    }
  })();
  return view.loadingOlder;
}

function showOlderControls() {
  $('older').hidden = !view.hasOlder;
  $('timeline-start').hidden = view.hasOlder;
}

$('older').addEventListener('click', () => loadOlder());
$('timeline').addEventListener('scroll', () => {
  const timeline = $('timeline');
  if (timeline.scrollTop < 80) loadOlder();
  view.pinned = nearEnd();
  if (view.pinned) $('jump').hidden = true;
});
// an image preview arrives after its message: a reader at the end stays at the end
$('messages').addEventListener('load', (event) => {
  if (event.target.tagName === 'IMG' && view.pinned !== false) scrollToEnd();
}, true);
$('jump').addEventListener('click', scrollToEnd);

function nearEnd() {
  const timeline = $('timeline');
  return timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 80;
}

function scrollToEnd() {
  const timeline = $('timeline');
  timeline.scrollTop = timeline.scrollHeight;
  $('jump').hidden = true;
}

/** Shows message `seq` of a room (a search result), loading older pages until it is there. */
export async function showMessage(roomId, seq) {
  if (state.current !== roomId) await openRoom(roomId);
  for (let pages = 0; !view.messages.has(seq) && view.hasOlder && pages < 40; pages++) await loadOlder();
  const message = view.messages.get(seq);
  if (message?.threadRoot) {
    hooks.openThread(view.messages.get(message.threadRoot) ?? { roomId, seq: message.threadRoot });
    return;
  }
  const li = document.getElementById(`seq-${seq}`);
  if (!li) {
    notify('That message is no longer here.');
    return;
  }
  li.scrollIntoView({ block: 'center' });
  li.classList.remove('flash');
  void li.offsetWidth; // restart the animation
  li.classList.add('flash');
}

// ---- read markers: a message counts as read once it has been on screen while the page was visible

function scheduleRead() {
  clearTimeout(view.readTimer);
  view.readTimer = setTimeout(markSeen, 300);
}

function markSeen() {
  clearTimeout(view.readTimer);
  const roomId = state.current;
  if (!roomId || !client.session.signedIn || document.visibilityState !== 'visible' || !view.visible.size) return;
  let upTo = Math.max(...view.visible);
  // replies are not on the main timeline: those right after what was seen count as seen with it
  while (view.messages.get(upTo + 1)?.threadRoot) upTo++;
  const unread = state.unread.get(roomId) ?? { roomId, lastSeq: upTo, readSeq: 0, unread: 0 };
  if (upTo <= unread.readSeq) return;
  client.socket.read(roomId, upTo)?.catch?.(() => {});
  const lastSeq = Math.max(unread.lastSeq, upTo);
  state.unread.set(roomId, { ...unread, lastSeq, readSeq: upTo, unread: lastSeq - upTo, mentions: upTo >= lastSeq ? 0 : unread.mentions });
  hooks.roomsChanged();
}

document.addEventListener('visibilitychange', scheduleRead);

// ---- the room's live events

client.on('message', (message) => {
  if (message.roomId !== state.current) return;
  remember(message);
  const unread = state.unread.get(message.roomId);
  if (unread && message.seq > unread.lastSeq) {
    state.unread.set(message.roomId, { ...unread, lastSeq: message.seq, unread: message.seq - unread.readSeq });
  }
  if (message.threadRoot) {
    scheduleRead();
    return; // the thread panel shows it; the root's count comes with thread_updated
  }
  const atEnd = nearEnd();
  document.getElementById(`pending-${message.clientMsgId}`)?.remove();
  document.getElementById(`seq-${message.seq}`)?.remove();
  const pending = $('messages').querySelector('.pending');
  $('messages').insertBefore(item(message), pending);
  if (atEnd || message.senderId === state.me.id) scrollToEnd();
  else $('jump').hidden = false;
  clearTyping(message.senderId);
});

function redraw(roomId, seq, change) {
  if (roomId !== state.current) return;
  const message = view.messages.get(seq);
  if (!message) return;
  change(message);
  const li = document.getElementById(`seq-${seq}`);
  if (li) fill(li, message, { openThread: hooks.openThread });
}

client.on('message_edited', (e) => redraw(e.roomId, e.seq, (m) => { m.body = e.body; m.editedAt = e.editedAt; }));
client.on('message_deleted', (e) => redraw(e.roomId, e.seq, (m) => {
  Object.assign(m, { deleted: true, body: '', attachments: [], reactions: [] });
}));
client.on('reaction', (e) => redraw(e.roomId, e.seq, (m) => applyReaction(m, e)));
client.on('thread_updated', (e) => redraw(e.roomId, e.seq, (m) => { m.replyCount = e.replyCount; m.lastReplyAt = e.lastReplyAt; }));

client.on('send_failed', ({ clientMsgId, error }) => {
  const li = document.getElementById(`pending-${clientMsgId}`);
  if (!li) {
    notify(`Not sent: ${error.message}`, { error: true });
    return;
  }
  li.classList.replace('pending', 'failed');
  li.querySelector('.meta .status').textContent = `not sent: ${error.message}`;
  li.append(h('button', { type: 'button', class: 'small secondary', onclick: () => li.remove() }, 'Dismiss'));
});

client.on('typing', ({ roomId, userId }) => {
  if (roomId !== state.current || userId === state.me.id) return;
  clearTimeout(view.typers.get(userId));
  view.typers.set(userId, setTimeout(() => clearTyping(userId), 4000));
  showTyping();
});

function clearTyping(userId) {
  clearTimeout(view.typers.get(userId));
  if (view.typers.delete(userId)) showTyping();
}

function showTyping() {
  const names = [...view.typers.keys()].map(nameOf);
  $('typing').textContent = names.length === 0 ? ''
    : names.length === 1 ? `${names[0]} is typing…`
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

// ---- presence

async function loadPresence(roomId, generation) {
  try {
    const { online } = await client.api.presence(roomId);
    if (generation !== view.generation) return;
    state.online = new Set(online);
    showPresence();
  } catch {
    $('room-presence').textContent = ''; // presence is a nicety: without it the room still works
  }
}

// someone who joins (or leaves) while online brings no presence push of their own: ask again
client.on('member_joined', ({ roomId }) => { if (roomId === state.current) loadPresence(roomId, view.generation); });
client.on('member_left', ({ roomId, userId }) => {
  if (roomId !== state.current) return;
  state.online.delete(userId);
  showPresence();
});

client.on('presence', ({ roomId, userId, status }) => {
  if (roomId !== state.current) return;
  if (status === 'online') state.online.add(userId);
  else state.online.delete(userId);
  showPresence();
});

/** "● 3 online" in a group, the other person's status in a direct room. */
export async function showPresence() {
  const room = currentRoom();
  if (!room) return;
  if (room.kind === 'direct') {
    const partner = await partnerOf(room).catch(() => null);
    $('room-presence').textContent = partner ? (state.online.has(partner) ? '● online' : '○ offline') : '';
  } else {
    $('room-presence').textContent = `● ${state.online.size} online`;
  }
  document.dispatchEvent(new CustomEvent('parley:presence'));
}

// ---- membership of the open room

client.on('subscription_ended', ({ roomId, reason }) => {
  const room = state.rooms.get(roomId);
  if (!room) return;
  const why = { kicked: 'You were removed from', banned: 'You were banned from', room_deleted: 'Deleted:' }[reason];
  notify(`${why ?? 'You no longer follow'} ${room.name}${why ? '' : ` (${reason})`}`, { error: reason !== 'left' });
  hooks.roomLeft(roomId);
});

client.on('reset', ({ roomId }) => {
  if (roomId === state.current) openRoom(roomId); // its history is not what was shown: load it afresh
});

client.on('room_updated', ({ roomId, room }) => {
  if (!state.rooms.has(roomId)) return;
  state.rooms.set(roomId, { ...state.rooms.get(roomId), ...room, myRole: state.rooms.get(roomId).myRole });
  if (roomId === state.current) showHeader(state.rooms.get(roomId));
  hooks.roomsChanged();
});

$('leave-button').addEventListener('click', async () => {
  const room = currentRoom();
  const button = $('leave-button');
  if (!room) return;
  if (button.textContent === 'Leave') {
    button.textContent = `Leave ${room.kind === 'direct' ? 'this conversation' : room.name}?`;
    setTimeout(() => { button.textContent = 'Leave'; }, 4000);
    return;
  }
  clearTimeout(view.readTimer); // no read marker for a room being left
  const left = await attempt(() => client.api.leave(room.id).then(() => true), 'Leave');
  if (left) {
    notify(`You left ${room.name}.`);
    hooks.roomLeft(room.id);
  }
});

/** Sends in the open room (or a thread of it). */
export function send(body, { attachments, threadRoot } = {}) {
  const roomId = state.current;
  const frame = client.send(roomId, { body, attachments, threadRoot });
  if (!threadRoot) {
    $('messages').append(pendingItem({ clientMsgId: frame.clientMsgId, body }));
    scrollToEnd();
  }
  return frame;
}
