// The WebSocket protocol (contract §3): authentication by the first frame, subscriptions that resume
// without gaps, sends that are acknowledged exactly once, and reconnection.
import { Emitter } from './emitter.js';

/** @typedef {import('./types.js').Ack} Ack */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Subscribed} Subscribed */
/** @typedef {import('./types.js').Stopped} Stopped */

/**
 * What each close code means for the client (contract §3). `reconnect`: back off and resume; `refresh`:
 * the token expired or was refused — get a new one, then reconnect; `stop`: reconnecting would only be
 * refused again (or would repeat the client's own mistake), so stop and say why.
 */
export const CLOSE_CODES = Object.freeze({
  1003: { action: 'stop', reason: 'protocol', message: 'The server refused a binary frame.' },
  1009: { action: 'stop', reason: 'protocol', message: 'A frame was larger than the server accepts.' },
  1011: { action: 'reconnect', reason: 'internal', message: 'The server had an internal error.' },
  1012: { action: 'reconnect', reason: 'restarting', message: 'The server is restarting.' },
  4001: { action: 'refresh', reason: 'unauthorized', message: 'The session is no longer valid: sign in again.' },
  4003: { action: 'stop', reason: 'account_disabled', message: 'This account is disabled.' },
  4008: { action: 'stop', reason: 'policy', message: 'Closed by policy: too many connections, or too many frames too fast.' },
  4009: { action: 'reconnect', reason: 'slow_consumer', message: 'The connection fell behind.' },
});

/**
 * The one 4008 that is not the client's fault to repeat: the server stopped hearing its pongs (a network that
 * stalled, a laptop that slept). The protocol names it by this reason (AsyncAPI, close codes); reconnect.
 */
const HEARTBEAT_MISSED = Object.freeze({ code: 4008, reason: 'policy: heartbeat missed' });
const HEARTBEAT_MISSED_RULE = Object.freeze(
  { action: 'reconnect', reason: 'heartbeat_missed', message: 'The server stopped hearing from this connection.' });

/** The server's pushes that are passed on as they are, as events of their own type. */
const PUSHES = new Set(['message_edited', 'message_deleted', 'presence', 'member_joined', 'room_updated', 'typing',
  'read', 'thread_updated', 'reaction', 'mention']);

/** Send errors after which the same frame may go again: it was not taken, or not yet. */
const RETRIABLE = new Set(['rate_limited', 'internal', 'unauthorized']);
/** Refusals that mean the room is no longer the user's (left, kicked, banned, deleted). */
const ROOM_GONE = new Set(['not_member', 'room_not_found']);

/**
 * Jittered exponential backoff: half the exponential delay for sure, the other half at random, so that
 * clients cut off together do not all come back together.
 * @param {number} attempt 0 for the first retry
 */
export function backoffDelay(attempt, { initialMs = 500, maxMs = 30_000 } = {}, random = Math.random) {
  const delay = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return delay / 2 + random() * delay / 2;
}

/** A client message id: 1–64 of [A-Za-z0-9_-], unique per sender and room. */
export function newClientMsgId() {
  return globalThis.crypto.randomUUID();
}

/**
 * One WebSocket connection, kept alive. `connect()` once; after any interruption it reconnects with
 * backoff, authenticates, re-subscribes every room with `sinceSeq` (the last seq it delivered, so nothing
 * is missed or repeated) and resends every unacknowledged send with its `clientMsgId` (so none is lost
 * or doubled), oldest first and within the server's frame allowance.
 *
 * Events: `state` (`{state, attempt?, delayMs?, code?, reason?}` — `connecting`, `ready`, `waiting`,
 * `stopped`, `idle`), `ready`, `authenticated` (`{sessionId}`: a fresh token took on the live session),
 * `stopped` (Stopped), `recovering` (`{roomId, fromSeq, toSeq}`: paged over HTTP), `closed` (`{code, reason}`, every close), `subscribed`
 * (Subscribed), `unsubscribed`, `subscription_ended` (`{roomId, reason}`), `reset` (`{roomId}`: the room's
 * seqs are not what this client knew — reload it), `message` (a room's messages: each once, in seq order),
 * `ack` (Ack), `send_failed` (`{clientMsgId, roomId, error}`), `error` (error frames nothing else handled; a
 * `not_member` or `room_not_found` answer to a read marker or typing signal is dropped: the room is gone),
 * and every push by its type: `message_edited`, `message_deleted`, `presence`, `typing`, `read`,
 * `member_joined`, `member_left`, `room_updated`, `room_deleted`, `thread_updated`, `reaction`, `mention`.
 */
export class ParleySocket extends Emitter {
  #session;
  #api;
  #url;
  #WebSocket;
  #backoff;
  #rate;
  #state = 'idle';
  #ws = null;
  #attempt = 0;
  #retryTimer = null;
  #watchdog = null;
  #lastFrameAt = 0;
  #pingSentAt = 0;
  #heartbeatMs = 25_000;
  #sessionId = null;
  #refreshedFor4001 = false;
  #frameIds = 0;
  /** @type {Map<string, {roomId: string, lastSeq: number|null, phase: 'opening'|'live'|'paging', held: Message[], frameId: string|null, waiters: {resolve: Function, reject: Function}[]}>} */
  #rooms = new Map();
  /** @type {Map<string, {roomId: string, frame: object, inFlight: boolean, resolve: Function, reject: Function, ack: Promise<Ack>}>} */
  #pending = new Map();
  #outbox = [];
  #tokens = 0;
  #refilledAt = 0;
  #silentUntil = 0;
  #pumpTimer = null;
  #typingSentAt = new Map();
  /** The last `read` frame of each room, to send again should the server refuse it `rate_limited`. */
  #lastRead = new Map();

  /**
   * @param {object} options
   * @param {import('./session.js').Session} options.session
   * @param {import('./api.js').ParleyApi} options.api pages history when a resume was not recovered
   * @param {string} [options.url] defaults to the session's base URL (or the page's origin) + `/ws`
   * @param {typeof WebSocket} [options.WebSocket] defaults to the global one (Node 20: `--experimental-websocket`)
   * @param {{initialMs?: number, maxMs?: number}} [options.backoff]
   * @param {{perSecond?: number, burst?: number}} [options.sendRate] the server's frame allowance (10/s, burst 20)
   */
  constructor({ session, api, url, WebSocket = globalThis.WebSocket, backoff = {}, sendRate = {} }) {
    super();
    this.#session = session;
    this.#api = api;
    this.#url = url ?? webSocketUrl(session.baseUrl);
    this.#WebSocket = WebSocket;
    this.#backoff = backoff;
    this.#rate = { perSecond: sendRate.perSecond ?? 10, burst: sendRate.burst ?? 20 };
    if (!WebSocket) throw new Error('No WebSocket: on Node 20 run with --experimental-websocket, or pass one');
    // a fresh access token extends the live session (same sessionId) rather than waiting for 4001
    session.on('tokens', ({ accessToken }) => {
      if (this.#state === 'ready') this.#write({ type: 'auth', id: this.#nextId('a'), token: accessToken });
    });
    session.on('signedOut', () => this.disconnect());
    globalThis.addEventListener?.('online', () => { if (this.#state === 'waiting') this.#reconnectNow(); });
  }

  /** `idle`, `connecting`, `ready`, `waiting` (to reconnect) or `stopped` (for good, see the `stopped` event). */
  get state() { return this.#state; }
  /** The server's id of the current session (the same across token refreshes, new on each connection). */
  get sessionId() { return this.#sessionId; }

  /** Opens the connection (again, after `disconnect()` or a stop). */
  connect() {
    if (this.#state === 'connecting' || this.#state === 'ready') return;
    this.#attempt = 0;
    this.#refreshedFor4001 = false;
    this.#open();
  }

  /** Closes the connection and stays closed; subscriptions and unacknowledged sends are kept for `connect()`. */
  disconnect() {
    clearTimeout(this.#retryTimer);
    this.#detach(1000, 'bye');
    this.#setState('idle');
  }

  /** Forgets every subscription and unacknowledged send too (their promises reject): after a logout. */
  reset() {
    this.disconnect();
    for (const pending of this.#pending.values()) pending.reject(new Error('The client was reset.'));
    this.#pending.clear();
    for (const room of this.#rooms.values()) room.waiters.forEach((w) => w.reject(new Error('The client was reset.')));
    this.#rooms.clear();
    this.#outbox = [];
    this.#lastRead.clear();
  }

  // ---- rooms

  /**
   * Follows a room: its messages arrive as `message` events, each once and in seq order. With `sinceSeq`
   * (the last seq the caller has), everything after it comes first — beyond the server's recovery limit
   * it is paged over HTTP — then live messages. Kept across reconnects until `unsubscribe`.
   * @param {string} roomId
   * @param {{sinceSeq?: number}} [options]
   * @returns {Promise<Subscribed>} once the server confirms (rejects on room_not_found and the like)
   */
  subscribe(roomId, { sinceSeq } = {}) {
    const existing = this.#rooms.get(roomId);
    if (existing && existing.phase !== 'opening' && (sinceSeq === undefined || sinceSeq === existing.lastSeq)) {
      return Promise.resolve({ roomId, headSeq: existing.lastSeq ?? 0, recovered: true });
    }
    const room = { roomId, lastSeq: sinceSeq ?? null, phase: 'opening', held: [], frameId: null, waiters: existing?.waiters ?? [] };
    this.#rooms.set(roomId, room);
    const confirmed = new Promise((resolve, reject) => room.waiters.push({ resolve, reject }));
    if (this.#state === 'ready') this.#queueSubscribe(room);
    return confirmed;
  }

  /** Stops following a room (and stops re-subscribing it after reconnects). */
  unsubscribe(roomId) {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    this.#rooms.delete(roomId);
    room.waiters.forEach((w) => w.reject(new Error('Unsubscribed.')));
    this.#outbox = this.#outbox.filter((frame) => !(frame.type === 'subscribe' && frame.roomId === roomId));
    if (this.#state === 'ready') this.#write({ type: 'unsubscribe', roomId, id: this.#nextId('u') });
  }

  /** The rooms followed. */
  get subscriptions() { return [...this.#rooms.keys()]; }

  /** The last seq delivered for a room, or null. */
  lastSeq(roomId) { return this.#rooms.get(roomId)?.lastSeq ?? null; }

  // ---- sending

  /**
   * Sends a message. It is kept until acknowledged and resent after reconnects with the same clientMsgId,
   * so the room gets it exactly once.
   * @param {string} roomId
   * @param {{body?: string, clientMsgId?: string, threadRoot?: number, attachments?: string[]}} message
   * @returns {{clientMsgId: string, ack: Promise<Ack>}}
   */
  send(roomId, { body = '', clientMsgId = newClientMsgId(), threadRoot, attachments } = {}) {
    const frame = { type: 'send', id: 'm:' + clientMsgId, roomId, clientMsgId, body };
    if (threadRoot !== undefined && threadRoot !== null) frame.threadRoot = threadRoot;
    if (attachments?.length) frame.attachments = attachments;
    let settle;
    const ack = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    ack.catch(() => {}); // a caller that does not wait for the ack hears of failures from `send_failed`
    this.#pending.set(clientMsgId, { roomId, frame, inFlight: false, ack, ...settle });
    this.#outbox.push(frame);
    this.#pump();
    return { clientMsgId, ack };
  }

  /** The sends not yet acknowledged, oldest first. */
  unacknowledged(roomId) {
    return [...this.#pending.values()].filter((p) => !roomId || p.roomId === roomId).map((p) => p.frame);
  }

  /** Tells the room's other subscribers the user is typing; at most once per 2 s per room. */
  typing(roomId) {
    const now = Date.now();
    if (this.#state !== 'ready' || now - (this.#typingSentAt.get(roomId) ?? 0) < 2000) return;
    this.#typingSentAt.set(roomId, now);
    this.#outbox.push({ type: 'typing', roomId, id: this.#nextId('t') });
    this.#pump();
  }

  /** Moves the read marker to `seq` (over HTTP while not connected). */
  async read(roomId, seq) {
    if (this.#state !== 'ready') return this.#api.markRead(roomId, seq);
    // a marker only moves forward: one still waiting in the outbox for the allowance is moved, not joined by another
    const queued = this.#outbox.find((frame) => frame.type === 'read' && frame.roomId === roomId);
    if (queued) queued.seq = Math.max(queued.seq, seq);
    else {
      const frame = { type: 'read', roomId, seq, id: this.#nextId('r') };
      this.#lastRead.set(roomId, frame);
      this.#outbox.push(frame);
    }
    this.#pump();
  }

  // ---- the connection

  async #open() {
    clearTimeout(this.#retryTimer);
    this.#setState('connecting', { attempt: this.#attempt });
    let token;
    try {
      token = await this.#session.validAccessToken();
    } catch (error) {
      if (error?.status === 401 || !this.#session.signedIn) {
        this.#stop(0, 'signed_out', 'Signed out: ' + error.message);
      } else {
        this.#scheduleReconnect(0, 'auth-service unreachable'); // e.g. offline: try again later
      }
      return;
    }
    if (this.#state !== 'connecting') return; // disconnected meanwhile
    let ws;
    try {
      ws = new this.#WebSocket(this.#url);
    } catch (error) {
      this.#scheduleReconnect(0, error.message);
      return;
    }
    this.#ws = ws;
    this.#lastFrameAt = Date.now();
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (event) => {
      if (this.#ws !== ws) return;
      this.#lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(typeof event.data === 'string' ? event.data : String(event.data));
      } catch {
        return;
      }
      this.#handle(frame);
    };
    ws.onclose = (event) => { if (this.#ws === ws) this.#closed(event.code, event.reason); };
    ws.onerror = () => {}; // a close follows
    this.#startWatchdog();
  }

  /**
   * Pings when the line has been quiet for a heartbeat; a connection that does not answer its ping within
   * 10 s (or sends no `ready` within 20 s) is given up and replaced. Judged by the ping's answer, not by
   * the time since the last frame, so a background tab whose timers the browser slows down keeps its line.
   */
  #startWatchdog() {
    clearInterval(this.#watchdog);
    this.#pingSentAt = 0;
    this.#watchdog = setInterval(() => {
      const now = Date.now();
      const unanswered = this.#pingSentAt > this.#lastFrameAt;
      if (this.#state !== 'ready' ? now - this.#lastFrameAt > 20_000 : unanswered && now - this.#pingSentAt > 10_000) {
        this.#detach(4000, 'no answer');
        this.#closed(1006, 'no answer from the server');
      } else if (this.#state === 'ready' && !unanswered && now - this.#lastFrameAt > this.#heartbeatMs) {
        this.#pingSentAt = now;
        this.#write({ type: 'ping', id: this.#nextId('p') });
      }
    }, 5000);
    this.#watchdog.unref?.();
  }

  #closed(code, reason) {
    this.#detach();
    this.emit('closed', { code, reason });
    const heartbeatMissed = code === HEARTBEAT_MISSED.code && reason === HEARTBEAT_MISSED.reason;
    const rule = (heartbeatMissed ? HEARTBEAT_MISSED_RULE : CLOSE_CODES[code])
      ?? { action: 'reconnect', reason: 'connection_lost', message: 'The connection was lost.' };
    if (rule.action === 'stop') {
      this.#stop(code, rule.reason, reason ? `${rule.message} (${reason})` : rule.message);
    } else if (rule.action === 'refresh') {
      if (this.#refreshedFor4001) {
        // refused again right after a fresh token: reconnecting would only loop
        this.#stop(code, rule.reason, rule.message);
        return;
      }
      this.#refreshedFor4001 = true;
      this.#session.refresh().then(() => this.#scheduleReconnect(code, reason),
        (error) => this.#stop(code, rule.reason, `${rule.message} (${error.message})`));
    } else {
      this.#scheduleReconnect(code, reason);
    }
  }

  #scheduleReconnect(code, reason) {
    const delayMs = backoffDelay(this.#attempt++, this.#backoff);
    this.#setState('waiting', { code, reason, delayMs, attempt: this.#attempt });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#open(), delayMs);
  }

  #reconnectNow() {
    clearTimeout(this.#retryTimer);
    this.#open();
  }

  #stop(code, reason, message) {
    clearTimeout(this.#retryTimer);
    this.#detach();
    this.#setState('stopped', { code, reason });
    this.emit('stopped', { code, reason, message });
  }

  #detach(code, reason) {
    clearInterval(this.#watchdog);
    clearTimeout(this.#pumpTimer);
    const ws = this.#ws;
    this.#ws = null;
    this.#sessionId = null;
    for (const pending of this.#pending.values()) pending.inFlight = false;
    if (ws && code) {
      try { ws.close(code, reason); } catch { /* closing already */ }
    }
  }

  #setState(state, details = {}) {
    this.#state = state;
    this.emit('state', { state, ...details });
  }

  #write(frame) {
    if (this.#ws?.readyState !== 1) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  #nextId(prefix) {
    return `${prefix}:${++this.#frameIds}`;
  }

  // ---- frames from the server

  #handle(frame) {
    switch (frame.type) {
      case 'ready': return this.#ready(frame);
      case 'subscribed': return this.#subscribed(frame);
      case 'message': return this.#message(frame);
      case 'ack': return this.#ack(frame);
      case 'error': return this.#error(frame);
      case 'unsubscribed': return this.emit('unsubscribed', frame);
      case 'pong': return undefined;
      case 'member_left':
        if (frame.userId === this.#session.userId) this.#ended(frame.roomId, frame.reason ?? 'left');
        return this.emit('member_left', frame);
      case 'room_deleted':
        this.#ended(frame.roomId, 'room_deleted');
        return this.emit('room_deleted', frame);
      default:
        if (PUSHES.has(frame.type)) this.emit(frame.type, frame);
        return undefined;
    }
  }

  #ready(frame) {
    this.#heartbeatMs = frame.heartbeatMs || this.#heartbeatMs;
    if (typeof frame.id === 'string' && frame.id.startsWith('a:')) {
      this.emit('authenticated', { sessionId: frame.sessionId }); // a fresh token, the same session
      return;
    }
    this.#sessionId = frame.sessionId;
    this.#attempt = 0;
    this.#refreshedFor4001 = false;
    this.#tokens = this.#rate.burst; // a new connection, a new allowance
    this.#refilledAt = Date.now();
    this.#silentUntil = 0;
    this.#setState('ready');
    this.emit('ready', frame);
    // subscriptions first (each resumes after its last seq), then every unacknowledged send, oldest first
    this.#outbox = this.#outbox.filter((f) => f.type === 'read'); // a typing signal this late means nothing
    for (const room of this.#rooms.values()) this.#queueSubscribe(room);
    this.#requeueSends();
  }

  #queueSubscribe(room) {
    room.phase = 'opening';
    room.frameId = this.#nextId('s');
    const frame = { type: 'subscribe', roomId: room.roomId, id: room.frameId };
    if (room.lastSeq !== null) frame.sinceSeq = room.lastSeq;
    this.#outbox = this.#outbox.filter((f) => !(f.type === 'subscribe' && f.roomId === room.roomId));
    this.#outbox.unshift(frame);
    this.#pump();
  }

  #subscribed(frame) {
    const room = this.#rooms.get(frame.roomId);
    if (!room || frame.id !== room.frameId) return;
    const confirmed = { roomId: frame.roomId, headSeq: frame.headSeq, recovered: frame.recovered };
    if (room.lastSeq === null) {
      room.lastSeq = frame.headSeq;
      this.#goLive(room);
    } else if (frame.recovered === false) {
      this.#page(room, frame.headSeq); // the backlog follows over HTTP, live messages wait for it
    } else {
      this.#goLive(room);
    }
    room.waiters.splice(0).forEach((w) => w.resolve(confirmed));
    this.emit('subscribed', confirmed);
  }

  #goLive(room) {
    room.phase = 'live';
    const held = room.held.splice(0).sort((a, b) => a.seq - b.seq);
    held.forEach((message) => this.#deliver(room, message));
  }

  /** Pages (lastSeq, untilSeq] over HTTP, then delivers what arrived live meanwhile. */
  async #page(room, untilSeq) {
    room.phase = 'paging';
    this.emit('recovering', { roomId: room.roomId, fromSeq: room.lastSeq, toSeq: untilSeq });
    try {
      for await (const items of this.#api.newerPages(room.roomId, { after: room.lastSeq, until: untilSeq })) {
        if (this.#rooms.get(room.roomId) !== room) return;
        for (const message of items) this.#deliver(room, { ...message, type: 'message' });
      }
      if (this.#rooms.get(room.roomId) === room) this.#goLive(room);
    } catch (error) {
      // the next reconnect resumes from what was delivered; until then, try the rest again shortly — after the
      // edge's Retry-After when it refused the page for the user's history allowance, which is no error to report
      const limited = error?.status === 429;
      if (!limited) {
        this.emit('error', { code: 'history_unavailable', message: `Could not load the history of ${room.roomId}: ${error.message}` });
      }
      const waitMs = limited ? (error.retryAfterMs ?? 1000) : 2000;
      setTimeout(() => { if (this.#rooms.get(room.roomId) === room) this.#page(room, untilSeq); }, waitMs);
    }
  }

  #message(message) {
    const room = this.#rooms.get(message.roomId);
    if (!room) return; // unsubscribed meanwhile
    if (room.phase !== 'live') {
      room.held.push(message);
      return;
    }
    if (room.lastSeq !== null && message.seq > room.lastSeq + 1) {
      // never expected (the server sends no gaps), but a client that trusts and verifies stays correct
      room.held.push(message);
      this.#page(room, message.seq - 1);
      return;
    }
    this.#deliver(room, message);
  }

  #deliver(room, message) {
    if (room.lastSeq !== null && message.seq <= room.lastSeq) return; // seen already
    room.lastSeq = message.seq;
    this.emit('message', message);
  }

  #ended(roomId, reason) {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    this.#rooms.delete(roomId);
    room.waiters.forEach((w) => w.reject(new Error('The subscription ended: ' + reason)));
    this.emit('subscription_ended', { roomId, reason });
  }

  #ack(frame) {
    const pending = this.#pending.get(frame.clientMsgId);
    if (pending) {
      this.#pending.delete(frame.clientMsgId);
      pending.resolve(frame);
    }
    this.emit('ack', frame);
  }

  #error(frame) {
    const id = typeof frame.id === 'string' ? frame.id : '';
    if (id.startsWith('m:')) return this.#sendRefused(id.slice(2), frame);
    const room = id.startsWith('s:') ? [...this.#rooms.values()].find((r) => r.frameId === id) : null;
    if (room) return this.#subscribeRefused(room, frame);
    // a read marker or typing signal is best effort: one that crossed the user's leaving has nothing left to do
    if ((id.startsWith('r:') || id.startsWith('t:')) && ROOM_GONE.has(frame.code)) return undefined;
    if (frame.code === 'rate_limited') this.#silentUntil = Date.now() + (frame.retryAfterMs ?? 1000);
    if (id.startsWith('r:') && frame.code === 'rate_limited') return this.#readAgain(id);
    this.emit('error', frame);
    return undefined;
  }

  /** A read marker the server had no allowance for goes again after the silence, unless a later one went since. */
  #readAgain(id) {
    const read = [...this.#lastRead.values()].find((frame) => frame.id === id);
    if (read && !this.#outbox.includes(read)) {
      this.#outbox.push(read);
      this.#pump();
    }
    return undefined;
  }

  #sendRefused(clientMsgId, frame) {
    const pending = this.#pending.get(clientMsgId);
    if (!pending) return;
    pending.inFlight = false;
    if (RETRIABLE.has(frame.code)) {
      // not taken: it goes again, in its place, after the pause (an unauthorized one with a fresh token)
      this.#silentUntil = Date.now() + (frame.retryAfterMs ?? 1000);
      if (frame.code === 'unauthorized') this.#session.refresh().catch(() => {});
      this.#requeueSends();
      return;
    }
    this.#pending.delete(clientMsgId);
    pending.reject(Object.assign(new Error(frame.message), { code: frame.code, field: frame.field }));
    this.emit('send_failed', { clientMsgId, roomId: pending.roomId, error: frame });
  }

  #subscribeRefused(room, frame) {
    if (RETRIABLE.has(frame.code)) {
      if (frame.code === 'rate_limited') this.#silentUntil = Date.now() + (frame.retryAfterMs ?? 1000);
      const retry = () => { if (this.#rooms.get(room.roomId) === room && this.#state === 'ready') this.#queueSubscribe(room); };
      if (frame.code === 'unauthorized') this.#session.refresh().then(retry, () => {});
      else setTimeout(retry, frame.code === 'internal' ? 1000 : 0);
      return;
    }
    if (frame.code === 'validation_failed' && frame.field === 'sinceSeq') {
      // the room's seqs are not the ones this client knew (it was recreated): start afresh, and say so
      room.lastSeq = null;
      room.held = [];
      this.emit('reset', { roomId: room.roomId });
      this.#queueSubscribe(room);
      return;
    }
    this.#rooms.delete(room.roomId);
    room.waiters.forEach((w) => w.reject(Object.assign(new Error(frame.message), { code: frame.code })));
    this.emit('subscription_ended', { roomId: room.roomId, reason: frame.code });
  }

  // ---- the outbox: sends and subscribes within the server's frame allowance

  #requeueSends() {
    const others = this.#outbox.filter((frame) => frame.type !== 'send');
    const sends = [...this.#pending.values()].filter((p) => !p.inFlight).map((p) => p.frame);
    this.#outbox = [...others, ...sends];
    this.#pump();
  }

  #pump() {
    clearTimeout(this.#pumpTimer);
    if (this.#state !== 'ready') return;
    const now = Date.now();
    this.#tokens = Math.min(this.#rate.burst, this.#tokens + (now - this.#refilledAt) * this.#rate.perSecond / 1000);
    this.#refilledAt = now;
    while (this.#outbox.length && now >= this.#silentUntil && this.#tokens >= 1) {
      const frame = this.#outbox.shift();
      const pending = frame.type === 'send' ? this.#pending.get(frame.clientMsgId) : null;
      if (frame.type === 'send' && (!pending || pending.inFlight)) continue;
      if (!this.#write(frame)) {
        this.#outbox.unshift(frame);
        return;
      }
      if (pending) pending.inFlight = true;
      this.#tokens -= 1;
    }
    if (this.#outbox.length) {
      const wait = Math.max(this.#silentUntil - now, (1 - this.#tokens) * 1000 / this.#rate.perSecond, 10);
      this.#pumpTimer = setTimeout(() => this.#pump(), wait);
    }
  }
}

function webSocketUrl(baseUrl) {
  const base = baseUrl || globalThis.location?.origin;
  if (!base) throw new Error('No URL to connect to: give the session a baseUrl');
  return base.replace(/^http/, 'ws') + '/ws';
}
