// Parley web client: plain DOM, no build step. Every user-supplied string is set with textContent,
// never innerHTML (the server stores bodies verbatim; rendering safely is the client's job).
'use strict';

const state = { tokens: null, me: null, ws: null, rooms: new Map(), current: null, pending: new Map(),
  lastSeq: new Map(), retry: 0, typingSentAt: 0 };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.tokens) headers.Authorization = 'Bearer ' + state.tokens.accessToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw Object.assign(new Error(json?.detail || res.statusText), { status: res.status, problem: json });
  return json;
}

// --- signing in, and keeping the access token fresh with the refresh token
$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const credentials = { username: form.get('username'), password: form.get('password') };
  $('signin-error').textContent = '';
  try {
    if (event.submitter?.value === 'register') await api('POST', '/api/auth/register', credentials);
    signedIn(await api('POST', '/api/auth/login', credentials));
  } catch (e) {
    const fields = e.problem?.errors?.map((f) => `${f.field}: ${f.message}`).join(', ');
    $('signin-error').textContent = fields || e.message;
  }
});

async function signedIn(tokens) {
  state.tokens = tokens;
  setTimeout(refresh, Math.max(5, tokens.expiresIn - 60) * 1000);
  state.me = await api('GET', '/api/users/me');
  $('me').textContent = state.me.displayName;
  $('signin').hidden = true;
  $('app').hidden = false;
  await loadRooms();
  connect();
}

async function refresh() {
  try {
    signedInTokens(await api('POST', '/api/auth/refresh', { refreshToken: state.tokens.refreshToken }));
  } catch (e) {
    location.reload();
  }
}

function signedInTokens(tokens) {
  state.tokens = tokens;
  setTimeout(refresh, Math.max(5, tokens.expiresIn - 60) * 1000);
  send({ type: 'auth', id: 'refresh', token: tokens.accessToken }); // extends the live session
}

// --- rooms
async function loadRooms() {
  const joined = await api('GET', '/api/rooms?scope=joined&limit=100');
  $('joined').replaceChildren(...joined.items.map((room) => roomItem(room, true)));
  joined.items.forEach((room) => state.rooms.set(room.id, room));
  await searchPublic();
}

async function searchPublic() {
  const q = encodeURIComponent($('search').value.trim());
  const rooms = await api('GET', `/api/rooms?scope=public&limit=50&q=${q}`);
  $('public').replaceChildren(...rooms.items.filter((room) => !state.rooms.has(room.id)).map((room) => roomItem(room, false)));
}
$('search').addEventListener('input', () => searchPublic().catch(showError));

function roomItem(room, joined) {
  const li = document.createElement('li');
  li.dataset.id = room.id;
  li.textContent = room.name;
  if (joined) {
    li.addEventListener('click', () => open(room));
  } else {
    const join = document.createElement('button');
    join.textContent = 'Join';
    join.addEventListener('click', async () => {
      await api('POST', `/api/rooms/${room.id}/members`, {}).catch(showError);
      await loadRooms();
      open(state.rooms.get(room.id));
    });
    li.append(join);
  }
  return li;
}

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const room = await api('POST', '/api/rooms', { name: form.get('name'), visibility: form.get('visibility') });
    event.target.reset();
    await loadRooms();
    open(room);
  } catch (e) { showError(e); }
});

async function open(room) {
  state.current = room;
  $('room-name').textContent = room.name;
  document.querySelectorAll('aside li').forEach((li) => li.classList.toggle('active', li.dataset.id === room.id));
  $('messages').replaceChildren();
  $('send-form').hidden = false;
  state.lastSeq.delete(room.id);
  const page = await api('GET', `/api/rooms/${room.id}/messages?limit=50`);
  page.items.forEach(render);
  // resume from what history showed: the gateway sends everything after it, then live, no gap
  send({ type: 'subscribe', roomId: room.id, sinceSeq: state.lastSeq.get(room.id) || 0 });
}

// --- messages
function render(message) {
  if (message.roomId !== state.current?.id) return;
  const last = state.lastSeq.get(message.roomId) || 0;
  if (message.seq <= last) return; // seen already (history and resume may overlap)
  state.lastSeq.set(message.roomId, message.seq);
  const li = document.createElement('li');
  li.id = 'seq-' + message.seq;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = message.senderId === state.me.id ? state.me.displayName : message.senderId.slice(0, 8);
  const body = document.createElement('span');
  body.textContent = message.deleted ? 'message deleted' : message.body;
  const when = document.createElement('span');
  when.className = 'when';
  when.textContent = new Date(message.createdAt).toLocaleTimeString();
  li.append(who, body, when);
  li.classList.toggle('deleted', message.deleted);
  document.getElementById('pending-' + message.clientMsgId)?.remove();
  $('messages').append(li);
  li.scrollIntoView({ block: 'end' });
}

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = event.target.body.value;
  if (!body.trim() || !state.current) return;
  const clientMsgId = crypto.randomUUID();
  const frame = { type: 'send', id: clientMsgId, roomId: state.current.id, clientMsgId, body };
  state.pending.set(frame.clientMsgId, frame); // resent after a reconnect, with the same clientMsgId
  const li = document.createElement('li');
  li.id = 'pending-' + frame.clientMsgId;
  li.className = 'pending';
  li.textContent = body;
  $('messages').append(li);
  outbox.queue.push(frame);
  pumpOutbox();
  event.target.reset();
});

// --- sends leave through the outbox: oldest first and within the contract's send allowance (a burst of
// 20, then 10 a second), silent for retryAfterMs after rate_limited — so a backlog flushed after a
// reconnect is never refused for good, and the server never has to close the connection (4008)
const outbox = { queue: [], inFlight: new Set(), tokens: 20, refilledAt: Date.now(), silentUntil: 0, timer: null };

function pumpOutbox() {
  clearTimeout(outbox.timer);
  outbox.timer = null;
  const now = Date.now();
  outbox.tokens = Math.min(20, outbox.tokens + (now - outbox.refilledAt) / 100);
  outbox.refilledAt = now;
  while (outbox.queue.length && now >= outbox.silentUntil && outbox.tokens >= 1
      && state.ws?.readyState === WebSocket.OPEN) {
    const frame = outbox.queue.shift();
    if (!state.pending.has(frame.clientMsgId) || outbox.inFlight.has(frame.clientMsgId)) continue;
    outbox.tokens -= 1;
    outbox.inFlight.add(frame.clientMsgId);
    state.ws.send(JSON.stringify(frame));
  }
  if (outbox.queue.length) outbox.timer = setTimeout(pumpOutbox, Math.max(outbox.silentUntil - now, 100));
}

/** Everything unacknowledged and not on its way goes out again, in the order it was written. */
function requeueUnacknowledged(silentForMs) {
  outbox.queue = [...state.pending.values()].filter((frame) => !outbox.inFlight.has(frame.clientMsgId));
  outbox.silentUntil = Date.now() + silentForMs;
  pumpOutbox();
}

$('send-form').body.addEventListener('input', () => {
  if (state.current && Date.now() - state.typingSentAt > 2000) {
    state.typingSentAt = Date.now();
    send({ type: 'typing', roomId: state.current.id });
  }
});

// --- the WebSocket: auth frame first, resubscribe and resend after every reconnect
function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  state.ws = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: state.tokens.accessToken }));
  ws.onmessage = (event) => handle(JSON.parse(event.data));
  ws.onclose = (event) => {
    $('link').textContent = 'offline';
    if (event.code === 4001) { location.reload(); return; }
    const backoff = Math.min(30000, 500 * 2 ** state.retry++);
    setTimeout(connect, backoff / 2 + Math.random() * backoff / 2); // jittered: not every client at once
  };
}

function send(frame) {
  if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(frame));
}

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      if (frame.id === 'refresh') break; // the same session, extended
      state.retry = 0;
      $('link').textContent = 'online';
      if (state.current) send({ type: 'subscribe', roomId: state.current.id, sinceSeq: state.lastSeq.get(state.current.id) || 0 });
      outbox.inFlight.clear(); // what was on its way on the old connection is resent on this one
      outbox.tokens = 20;
      requeueUnacknowledged(0);
      break;
    case 'message': render(frame); break;
    case 'ack':
      state.pending.delete(frame.clientMsgId);
      outbox.inFlight.delete(frame.clientMsgId);
      break;
    case 'message_edited': {
      const li = document.getElementById('seq-' + frame.seq);
      if (li) li.children[1].textContent = frame.body;
      break;
    }
    case 'message_deleted': {
      const li = document.getElementById('seq-' + frame.seq);
      if (li) { li.children[1].textContent = 'message deleted'; li.classList.add('deleted'); }
      break;
    }
    case 'typing':
      if (frame.roomId === state.current?.id) {
        $('typing').textContent = frame.userId.slice(0, 8) + ' is typing…';
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(() => { $('typing').textContent = ''; }, 3000);
      }
      break;
    case 'member_left':
      if (frame.userId === state.me.id) loadRooms().catch(showError);
      break;
    case 'error':
      if (frame.id && (frame.code === 'rate_limited' || frame.code === 'internal') && state.pending.has(frame.id)) {
        outbox.inFlight.delete(frame.id); // not taken: it goes again, in its place, after the pause
        requeueUnacknowledged(frame.retryAfterMs ?? 1000);
        break;
      }
      if (frame.id && state.pending.delete(frame.id)) {
        outbox.inFlight.delete(frame.id);
        document.getElementById('pending-' + frame.id)?.remove();
      }
      showError(new Error(`${frame.code}: ${frame.message}`));
      break;
    default: break; // presence, member_joined, room_updated … are not shown by this small client
  }
}

function showError(e) {
  $('chat-error').textContent = e.message;
  setTimeout(() => { $('chat-error').textContent = ''; }, 5000);
}
