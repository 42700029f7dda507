// A thread (contract §6) in the side panel: its root, its replies (live), and a composer for replies.
import { h } from './dom.js';
import { applyReaction, fill, messageItem } from './message-view.js';
import { openPanel } from './panel.js';
import { client } from './state.js';
import { describe, notify } from './toasts.js';
import { send } from './timeline.js';

/** The open thread: its room, root seq, and the messages shown (root and replies) by seq. */
let open = null;

/** @param {import('../lib/types.js').Message} root at least `{roomId, seq}` */
export async function openThread(root) {
  const list = h('ol', { class: 'thread', 'aria-label': 'Replies' });
  const input = h('textarea', { rows: 2, maxlength: 4000, placeholder: 'Reply in thread', 'aria-label': 'Reply' });
  const form = h('form', { class: 'stack thread-form', onsubmit: (event) => { event.preventDefault(); reply(); } },
    input, h('button', { type: 'submit' }, 'Reply'));
  const reply = () => {
    if (!input.value.trim()) return;
    send(input.value, { threadRoot: root.seq });
    input.value = '';
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); reply(); }
  });
  const rootBox = h('div', { class: 'thread-root' });
  open = { roomId: root.roomId, seq: root.seq, messages: new Map(), list, rootBox };
  openPanel('thread', 'Thread', [rootBox, list, form], () => { open = null; });
  if (root.senderId) showRoot(root);
  input.focus();
  try {
    const mine = open;
    for (let after = 0, more = true; more && open === mine;) {
      const page = await client.api.thread(root.roomId, root.seq, { after, limit: 100 });
      page.items.forEach(add);
      more = page.hasMore && page.items.length > 0;
      after = page.items.at(-1)?.seq ?? after;
    }
  } catch (error) {
    notify(`Could not load the thread: ${describe(error)}`, { error: true });
  }
}

function showRoot(root) {
  open.messages.set(root.seq, root);
  open.rootBox.replaceChildren(h('ol', { class: 'thread' }, messageItem(root, { inThread: true })));
}

function add(message) {
  if (!open || open.messages.has(message.seq)) return;
  open.messages.set(message.seq, message);
  open.list.append(messageItem(message, { inThread: true }));
  open.list.lastElementChild.scrollIntoView({ block: 'nearest' });
}

client.on('message', (message) => {
  if (open && message.roomId === open.roomId && message.threadRoot === open.seq) add(message);
});

function redraw(roomId, seq, change) {
  const message = open?.roomId === roomId ? open.messages.get(seq) : null;
  if (!message) return;
  change(message);
  const li = document.getElementById(`thread-seq-${seq}`);
  if (li) fill(li, message, { inThread: true });
}

client.on('message_edited', (e) => redraw(e.roomId, e.seq, (m) => { m.body = e.body; m.editedAt = e.editedAt; }));
client.on('message_deleted', (e) => redraw(e.roomId, e.seq, (m) => Object.assign(m, { deleted: true, body: '' })));
client.on('reaction', (e) => redraw(e.roomId, e.seq, (m) => applyReaction(m, e)));
