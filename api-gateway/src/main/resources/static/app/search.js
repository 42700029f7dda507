// Message search (contract §6) in the side panel: matches highlighted from the server's U+0002/U+0003
// markers — the text is set as text and only the marked parts are wrapped, so nothing in it can be markup.
import { $, h, highlighted, time } from './dom.js';
import { openPanel } from './panel.js';
import { client, state } from './state.js';
import { attempt } from './toasts.js';
import { showMessage } from './timeline.js';
import { userName } from './users.js';

async function search(q, { roomId, cursor, list } = {}) {
  const page = await attempt(() => client.api.searchMessages({ q, roomId, cursor, limit: 25 }), 'Search');
  if (!page) return;
  list.querySelector('.more')?.remove();
  list.append(...page.items.map(result));
  if (!list.children.length) list.append(h('li', { class: 'status empty' }, 'No messages match.'));
  if (page.nextCursor) {
    list.append(h('li', { class: 'more' }, h('button', { type: 'button', class: 'small secondary',
      onclick: () => search(q, { roomId, cursor: page.nextCursor, list }) }, 'More results')));
  }
}

function result(message) {
  const room = state.rooms.get(message.roomId);
  return h('li', { class: 'result', tabindex: 0, dataset: { room: message.roomId, seq: message.seq },
    onclick: () => showMessage(message.roomId, message.seq),
    onkeydown: (event) => { if (event.key === 'Enter') showMessage(message.roomId, message.seq); } },
  h('div', { class: 'meta' }, userName(message.senderId), time(message.createdAt),
    h('span', { class: 'result-room' }, room ? (room.kind === 'direct' ? 'direct message' : room.name) : '')),
  h('div', { class: 'body' }, highlighted(message.highlight ?? message.body)));
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('search-input').value.trim();
  if (!q) return;
  const list = h('ol', { class: 'results', 'aria-label': 'Search results' });
  const everywhere = h('input', { type: 'checkbox', checked: !state.current });
  const scope = h('label', { class: 'row status' }, everywhere, 'All my rooms');
  const run = () => {
    list.replaceChildren();
    search(q, { roomId: everywhere.checked ? undefined : state.current ?? undefined, list });
  };
  everywhere.addEventListener('change', run);
  openPanel('search', `Search: ${q}`, [scope, list]);
  run();
});
