// One message as the timeline and the thread panel show it, with what can be done to it.
import { attachmentView } from './files.js';
import { h, time, withMentions } from './dom.js';
import { canModerate, client, state } from './state.js';
import { attempt } from './toasts.js';
import { userName } from './users.js';

/** The emoji the picker offers. */
export const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '👀'];

/**
 * A message's list item (`id="seq-N"` in the timeline). Options: `inThread` (a reply or a thread's root shown
 * in the thread panel: no "reply" action), `openThread(message)` to open the panel.
 * @param {import('../lib/types.js').Message} message
 */
export function messageItem(message, options = {}) {
  const li = h('li', { class: 'message', id: options.inThread ? `thread-seq-${message.seq}` : `seq-${message.seq}`,
    dataset: { seq: message.seq } });
  fill(li, message, options);
  return li;
}

/** Draws the message into its item again (after an edit, a delete, a reaction, a reply). */
export function fill(li, message, options = {}) {
  const mine = message.senderId === state.me?.id;
  li.classList.toggle('deleted', Boolean(message.deleted));
  li.classList.toggle('mentions-me', Boolean(message.mentions?.includes(state.me?.id)));
  li.replaceChildren(...[
    h('div', { class: 'meta' }, userName(message.senderId), time(message.createdAt),
      message.editedAt && !message.deleted ? h('span', { class: 'edited', title: message.editedAt }, '(edited)') : null),
    h('div', { class: 'body' }, message.deleted ? 'message deleted' : withMentions(message.body)),
    !message.deleted && message.attachments?.length
      ? h('div', { class: 'attachments' }, message.attachments.map(attachmentView)) : null,
    !message.deleted && message.reactions?.length ? reactions(message) : null,
    !options.inThread && message.replyCount
      ? h('div', { class: 'thread-link' }, h('button', { type: 'button', class: 'link', onclick: () => options.openThread?.(message) },
        `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}`)) : null,
    message.deleted ? null : actions(li, message, mine, options),
  ].filter(Boolean));
}

function reactions(message) {
  return h('div', { class: 'reactions' }, message.reactions.map((reaction) => h('button', {
    type: 'button', class: reaction.me ? 'reaction mine' : 'reaction', 'aria-pressed': String(reaction.me),
    title: reaction.me ? 'Remove your reaction' : 'React too', dataset: { emoji: reaction.emoji },
    onclick: () => toggleReaction(message, reaction.emoji, reaction.me),
  }, `${reaction.emoji} ${reaction.count}`)));
}

function toggleReaction(message, emoji, mine) {
  // the count changes when the `reaction` push comes back, for everyone the same way
  return attempt(() => (mine ? client.api.unreact(message.roomId, message.seq, emoji)
    : client.api.react(message.roomId, message.seq, emoji)), 'Reaction');
}

function actions(li, message, mine, options) {
  const bar = h('div', { class: 'actions' });
  const picker = () => {
    const open = li.querySelector('.picker');
    if (open) { open.remove(); return; }
    li.append(h('div', { class: 'picker', role: 'menu' }, EMOJI.map((emoji) => h('button', {
      type: 'button', role: 'menuitem', title: `React with ${emoji}`, dataset: { emoji },
      onclick: (event) => {
        event.currentTarget.parentElement.remove();
        const already = message.reactions?.find((r) => r.emoji === emoji)?.me;
        toggleReaction(message, emoji, Boolean(already));
      },
    }, emoji))));
  };
  bar.append(h('button', { type: 'button', class: 'react', title: 'React', onclick: picker }, '☺'));
  if (!options.inThread && !message.threadRoot) {
    bar.append(h('button', { type: 'button', class: 'reply', title: 'Reply in thread', onclick: () => options.openThread?.(message) }, 'Reply'));
  }
  if (mine) bar.append(h('button', { type: 'button', class: 'edit', onclick: () => edit(li, message) }, 'Edit'));
  if (mine || canModerate()) {
    bar.append(h('button', { type: 'button', class: 'delete', onclick: () => confirmDelete(bar, message) }, 'Delete'));
  }
  return bar;
}

function edit(li, message) {
  const body = li.querySelector('.body');
  const input = h('textarea', { rows: 2, maxlength: 4000, 'aria-label': 'Edit message' });
  input.value = message.body;
  const cancel = () => editor.replaceWith(body);
  const save = async () => {
    const text = input.value;
    if (!text.trim() || text === message.body) { cancel(); return; }
    const saved = await attempt(() => client.api.editMessage(message.roomId, message.seq, text), 'Edit');
    if (saved) cancel(); // the message_edited push redraws it
  };
  const editor = h('form', { class: 'editor', onsubmit: (event) => { event.preventDefault(); save(); } }, input,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'small' }, 'Save'),
      h('button', { type: 'button', class: 'small secondary', onclick: cancel }, 'Cancel')));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel();
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); save(); }
  });
  body.replaceWith(editor);
  input.focus();
}

function confirmDelete(bar, message) {
  const before = [...bar.children];
  bar.replaceChildren(h('span', { class: 'status' }, 'Delete this message?'),
    h('button', { type: 'button', class: 'confirm-delete', onclick: () => attempt(() => client.api.deleteMessage(message.roomId, message.seq), 'Delete') }, 'Delete'),
    h('button', { type: 'button', onclick: () => bar.replaceChildren(...before) }, 'Cancel'));
}

/** A send on its way: shown at once, replaced by the message when it comes back with its seq. */
export function pendingItem(frame) {
  return h('li', { class: 'message pending', id: `pending-${frame.clientMsgId}` },
    h('div', { class: 'meta' }, userName(state.me.id), h('span', { class: 'status' }, 'sending…')),
    h('div', { class: 'body' }, withMentions(frame.body)));
}

/** Applies a `reaction` push to a message's reactions. */
export function applyReaction(message, { emoji, userId, op }) {
  const reactions = [...(message.reactions ?? [])];
  const index = reactions.findIndex((r) => r.emoji === emoji);
  const mine = userId === state.me?.id;
  if (op === 'added') {
    if (index < 0) reactions.push({ emoji, count: 1, me: mine });
    else reactions[index] = { ...reactions[index], count: reactions[index].count + 1, me: reactions[index].me || mine };
  } else if (index >= 0) {
    const count = reactions[index].count - 1;
    if (count <= 0) reactions.splice(index, 1);
    else reactions[index] = { ...reactions[index], count, me: mine ? false : reactions[index].me };
  }
  message.reactions = reactions;
}
