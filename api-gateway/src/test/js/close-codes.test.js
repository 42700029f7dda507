// The socket's rules on its own, against a scripted server: what each close code does, the backoff, the
// outbox's pacing. Needs no platform.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  backoffDelay, CLOSE_CODES, ParleyApi, ParleySocket, Session,
} from '../../main/resources/static/lib/parley-client.js';

const USER = '6a3c2c38-0000-4000-8000-000000000001';
const ROOM = '6a3c2c38-0000-4000-8000-0000000000aa';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A WebSocket whose server side the test plays: it sees the frames sent and decides what comes back. */
class ScriptedWebSocket {
  static opened = [];
  readyState = 0;
  sent = [];

  constructor(url) {
    this.url = url;
    ScriptedWebSocket.opened.push(this);
    setTimeout(() => { this.readyState = 1; this.onopen?.({}); }, 0);
  }

  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  frames(type) { return this.sent.filter((frame) => frame.type === type); }
  push(frame) { this.onmessage?.({ data: JSON.stringify(frame) }); }
  ready() { this.push({ type: 'ready', sessionId: 's' + ScriptedWebSocket.opened.length, userId: USER, heartbeatMs: 25_000 }); }
  serverCloses(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
}

function token() {
  const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ sub: USER, preferred_username: 'ada' })}.x`;
}

/**
 * A socket on a scripted server; `refresh` decides what auth-service answers a refresh with, `history` (seq →
 * message) what a room's history holds.
 */
function scripted({ refresh = 401, sendRate, history = new Map() } = {}) {
  ScriptedWebSocket.opened = [];
  const fetch = async (url) => (String(url).includes('/messages') ? historyPage(history, new URL(url))
    : refresh === 200
    ? new Response(JSON.stringify({ accessToken: token(), tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r'.repeat(43), refreshExpiresIn: 1 }), { status: 200 })
    : new Response(JSON.stringify({ status: 401, code: 'invalid_refresh_token' }), { status: 401 }));
  const session = new Session({ baseUrl: 'http://parley.test', fetch });
  session.restore({ accessToken: token(), expiresIn: 900, refreshToken: refresh === 200 ? 'r'.repeat(43) : null });
  const socket = new ParleySocket({ session, api: new ParleyApi(session), WebSocket: ScriptedWebSocket,
    backoff: { initialMs: 20, maxMs: 40 }, sendRate });
  return socket;
}

/** A page `after` a seq, ascending, as message-service answers it. */
function historyPage(history, url) {
  const after = Number(url.searchParams.get('after') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const newer = [...history.values()].filter((message) => message.seq > after).sort((a, b) => a.seq - b.seq);
  const body = { items: newer.slice(0, limit), hasMore: newer.length > limit };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

async function readySocket(options) {
  const socket = scripted(options);
  socket.connect();
  await until(() => ScriptedWebSocket.opened.at(-1)?.frames('auth').length === 1);
  ScriptedWebSocket.opened.at(-1).ready();
  return socket;
}

async function until(condition, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

describe('close codes', () => {
  for (const code of [4003, 4008, 1003, 1009]) {
    test(`${code} stops the client and says why, without reconnecting`, async () => {
      const socket = await readySocket();
      const stopped = socket.next('stopped');
      ScriptedWebSocket.opened[0].serverCloses(code, 'because');
      const why = await stopped;
      assert.equal(why.code, code);
      assert.equal(why.reason, CLOSE_CODES[code].reason);
      assert.match(why.message, /because/);
      await sleep(200);
      assert.equal(ScriptedWebSocket.opened.length, 1);
      assert.equal(socket.state, 'stopped');
    });
  }

  // 4008 with the heartbeat's reason is a line that went quiet, not a rule the client would break again
  for (const [code, reason] of [[1006], [1011], [1012], [4009], [4008, 'policy: heartbeat missed']]) {
    test(`${code}${reason ? ` (${reason})` : ''} reconnects, resubscribes after the last seq delivered and resends what was not acknowledged`, async () => {
      const socket = await readySocket();
      const first = ScriptedWebSocket.opened[0];
      const subscribed = socket.subscribe(ROOM);
      await until(() => first.frames('subscribe').length === 1);
      first.push({ type: 'subscribed', roomId: ROOM, headSeq: 4, recovered: true, id: first.frames('subscribe')[0].id });
      await subscribed;
      first.push({ type: 'message', roomId: ROOM, seq: 5, body: 'five' });
      const { clientMsgId } = socket.send(ROOM, { body: 'unanswered' });
      await until(() => first.frames('send').length === 1);
      first.serverCloses(code, reason);

      await until(() => ScriptedWebSocket.opened.length === 2);
      const second = ScriptedWebSocket.opened[1];
      await until(() => second.frames('auth').length === 1);
      assert.equal(second.frames('subscribe').length, 0, 'nothing before ready');
      second.ready();
      await until(() => second.frames('send').length === 1);
      assert.equal(second.frames('subscribe')[0].sinceSeq, 5);
      assert.equal(second.frames('send')[0].clientMsgId, clientMsgId);
      assert.ok(second.sent.indexOf(second.frames('subscribe')[0]) < second.sent.indexOf(second.frames('send')[0]));
    });
  }

  test('4001 gets a fresh token and reconnects; refused again at once, it stops', async () => {
    const socket = await readySocket({ refresh: 200 });
    ScriptedWebSocket.opened[0].serverCloses(4001);
    await until(() => ScriptedWebSocket.opened.length === 2);
    const stopped = socket.next('stopped');
    await until(() => ScriptedWebSocket.opened[1].frames('auth').length === 1);
    ScriptedWebSocket.opened[1].serverCloses(4001);
    assert.equal((await stopped).reason, 'unauthorized');
    await sleep(200);
    assert.equal(ScriptedWebSocket.opened.length, 2);
  });

  test('4001 without a way to refresh stops at once', async () => {
    const socket = await readySocket({ refresh: 401 });
    const stopped = socket.next('stopped');
    ScriptedWebSocket.opened[0].serverCloses(4001);
    assert.equal((await stopped).code, 4001);
    await sleep(100);
    assert.equal(ScriptedWebSocket.opened.length, 1);
  });
});

describe('heartbeat', () => {
  test('a quiet line is pinged; a ping left unanswered gets the connection replaced', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: Date.now() });
    const socket = await readySocket();
    const first = ScriptedWebSocket.opened[0];
    t.mock.timers.tick(30_000);
    assert.equal(first.frames('ping').length, 1, 'pinged after a quiet heartbeat');
    first.push({ type: 'pong', id: first.frames('ping')[0].id });
    t.mock.timers.tick(30_000);
    assert.equal(first.frames('ping').length, 2, 'answered, so pinged again later');
    t.mock.timers.tick(15_000);
    assert.equal(socket.state, 'waiting', 'the second ping went unanswered');
    t.mock.timers.reset();
    await until(() => ScriptedWebSocket.opened.length === 2);
  });
});

describe('delivery', () => {
  test('messages already delivered are not delivered again, and a gap is filled in order', async () => {
    const socket = await readySocket({ history: new Map([[4, { roomId: ROOM, seq: 4, body: 'four' }]]) });
    const ws = ScriptedWebSocket.opened[0];
    const subscribed = socket.subscribe(ROOM, { sinceSeq: 2 });
    await until(() => ws.frames('subscribe').length === 1);
    ws.push({ type: 'subscribed', roomId: ROOM, headSeq: 3, recovered: true, id: ws.frames('subscribe')[0].id });
    await subscribed;
    const seen = [];
    socket.on('message', (message) => seen.push(message.seq));
    ws.push({ type: 'message', roomId: ROOM, seq: 2 });
    ws.push({ type: 'message', roomId: ROOM, seq: 3 });
    ws.push({ type: 'message', roomId: ROOM, seq: 3 });
    assert.deepEqual(seen, [3]);
    const recovering = socket.next('recovering');
    ws.push({ type: 'message', roomId: ROOM, seq: 5 }); // 4 never came: paged over HTTP, then 5
    assert.deepEqual(await recovering, { roomId: ROOM, fromSeq: 3, toSeq: 4 });
    await until(() => seen.length === 3);
    assert.deepEqual(seen, [3, 4, 5]);
  });

  test('a sinceSeq the server does not know resets the room and subscribes afresh', async () => {
    const socket = await readySocket();
    const ws = ScriptedWebSocket.opened[0];
    socket.subscribe(ROOM, { sinceSeq: 99 }).catch(() => {});
    await until(() => ws.frames('subscribe').length === 1);
    const reset = socket.next('reset');
    ws.push({ type: 'error', code: 'validation_failed', field: 'sinceSeq', message: 'above head', id: ws.frames('subscribe')[0].id });
    assert.deepEqual(await reset, { roomId: ROOM });
    await until(() => ws.frames('subscribe').length === 2);
    assert.equal(ws.frames('subscribe')[1].sinceSeq, undefined);
  });
});

describe('outbox', () => {
  test('sends stay within the allowance: a burst, then a steady rate', async () => {
    const socket = await readySocket({ sendRate: { perSecond: 50, burst: 5 } });
    const ws = ScriptedWebSocket.opened[0];
    for (let i = 0; i < 10; i++) socket.send(ROOM, { body: 'm' + i });
    assert.equal(ws.frames('send').length, 5, 'the burst');
    await until(() => ws.frames('send').length === 10);
    assert.deepEqual(ws.frames('send').map((frame) => frame.body), Array.from({ length: 10 }, (_, i) => 'm' + i));
  });

  test('rate_limited: silent for retryAfterMs, then the refused send again, in its place', async () => {
    const socket = await readySocket();
    const ws = ScriptedWebSocket.opened[0];
    const first = socket.send(ROOM, { body: 'first' });
    socket.send(ROOM, { body: 'second' });
    await until(() => ws.frames('send').length === 2);
    ws.push({ type: 'error', code: 'rate_limited', retryAfterMs: 150, message: 'slow down', id: 'm:' + first.clientMsgId });
    const refusedAt = Date.now();
    await until(() => ws.frames('send').length === 3);
    assert.ok(Date.now() - refusedAt >= 140, 'waited');
    assert.equal(ws.frames('send')[2].clientMsgId, first.clientMsgId);
    ws.push({ type: 'ack', roomId: ROOM, clientMsgId: first.clientMsgId, seq: 1, messageId: 'x', createdAt: 'now' });
    assert.equal((await first.ack).seq, 1);
  });

  test('read markers waiting for the allowance are merged: one frame per room, at the highest seq', async () => {
    const socket = await readySocket({ sendRate: { perSecond: 20, burst: 1 } });
    const ws = ScriptedWebSocket.opened[0];
    socket.send(ROOM, { body: 'takes the burst' });
    for (const seq of [3, 7, 5]) socket.read(ROOM, seq);
    await until(() => ws.frames('read').length === 1);
    await sleep(150); // the allowance would have let two more go by now
    assert.deepEqual(ws.frames('read').map((frame) => frame.seq), [7]);
  });

  test('a read marker refused rate_limited goes again after the silence', async () => {
    const socket = await readySocket();
    const ws = ScriptedWebSocket.opened[0];
    socket.read(ROOM, 4);
    await until(() => ws.frames('read').length === 1);
    ws.push({ type: 'error', code: 'rate_limited', retryAfterMs: 100, message: 'slow down', id: ws.frames('read')[0].id });
    const refusedAt = Date.now();
    await until(() => ws.frames('read').length === 2);
    assert.ok(Date.now() - refusedAt >= 90, 'waited');
    assert.equal(ws.frames('read')[1].seq, 4);
  });

  test('a send refused for good rejects its ack and is not sent again', async () => {
    const socket = await readySocket();
    const ws = ScriptedWebSocket.opened[0];
    const send = socket.send(ROOM, { body: 'x' });
    await until(() => ws.frames('send').length === 1);
    ws.push({ type: 'error', code: 'not_member', message: 'join first', id: 'm:' + send.clientMsgId });
    await assert.rejects(send.ack, (error) => error.code === 'not_member');
    assert.deepEqual(socket.unacknowledged(), []);
  });
});

test('backoff grows exponentially with jitter, up to its maximum', () => {
  for (let attempt = 0; attempt < 12; attempt++) {
    const full = Math.min(30_000, 500 * 2 ** attempt);
    assert.equal(backoffDelay(attempt, {}, () => 0), full / 2);
    assert.equal(backoffDelay(attempt, {}, () => 1), full);
  }
});
