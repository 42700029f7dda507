// The WebSocket protocol through the library, against the running platform: every message once, in order,
// across disconnects; every send exactly once.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ParleySocket } from '../../main/resources/static/lib/parley-client.js';
import {
  collect, connected, connectedAs, needsPlatform, recordingWebSocket, range, roomOf, signedIn, sleep, until,
} from './platform.js';

const seqsOf = (messages) => messages.map((message) => message.seq);

describe('socket', needsPlatform, () => {
  test('a send is acknowledged once durable and reaches every subscriber, the sender included', async () => {
    const ada = await connected('ada');
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    await Promise.all([ada.subscribe(room.id), bob.subscribe(room.id)]);
    const adaSaw = collect(ada, 'message');
    const bobSaw = collect(bob, 'message');

    const { clientMsgId, ack } = ada.send(room.id, { body: 'hello <b>bob</b>' });
    const acked = await ack;
    assert.equal(acked.seq, 1);
    assert.equal(acked.clientMsgId, clientMsgId);
    await until(() => bobSaw.length === 1 && adaSaw.length === 1, 'the pushes');
    assert.equal(bobSaw[0].body, 'hello <b>bob</b>');
    assert.equal(bobSaw[0].senderId, ada.userId);
    assert.equal(bobSaw[0].clientMsgId, clientMsgId);
  });

  test('typing reaches the others, not the typist', async () => {
    const ada = await connected('ada');
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    await Promise.all([ada.subscribe(room.id), bob.subscribe(room.id)]);
    const adaHeard = collect(ada, 'typing');
    const typing = bob.socket.next('typing', (frame) => frame.roomId === room.id, 10_000);
    ada.socket.typing(room.id);
    assert.equal((await typing).userId, ada.userId);
    await sleep(500); // an echo to the typist would come about as fast as bob's copy
    assert.equal(adaHeard.length, 0);
  });

  test('a read marker refused because the user has left the room is dropped, not reported as an error', async () => {
    const opened = [];
    const ada = await connected('ada');
    const bob = await connected('bob', { WebSocket: recordingWebSocket(opened) });
    const room = await roomOf(ada, bob);
    await ada.send(room.id, { body: 'read me' }).ack;
    const refusals = [];
    // registered after the client's own handler: by the time it runs, the client has handled the frame
    opened[0].addEventListener('message', (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'error') refusals.push(frame);
    });
    const errors = collect(bob, 'error');
    await bob.api.leave(room.id);
    bob.socket.read(room.id, 1); // the marker a timer set before the leave would send
    await until(() => refusals.length === 1, 'the refusal of the read marker');
    assert.equal(refusals[0].code, 'not_member');
    assert.match(refusals[0].id, /^r:/);
    assert.deepEqual(errors, []);
  });

  test('after a forced disconnect the subscription resumes with no gap and no duplicate', async () => {
    const ada = await connected('ada');
    const sockets = [];
    const bob = await connected('bob', { WebSocket: recordingWebSocket(sockets), backoff: { initialMs: 1500, maxMs: 3000 } });
    const room = await roomOf(ada, bob);
    await bob.subscribe(room.id);
    const bobSaw = collect(bob, 'message', (message) => message.roomId === room.id);

    await Promise.all(range(1, 5).map((n) => ada.send(room.id, { body: `before ${n}` }).ack));
    await until(() => bobSaw.length === 5, 'the first five');
    const reconnected = bob.socket.next('ready', undefined, 20_000);
    sockets.at(-1).close(); // the line drops
    await until(() => bob.socket.state === 'waiting', 'bob to notice');
    await Promise.all(range(6, 10).map((n) => ada.send(room.id, { body: `while away ${n}` }).ack));
    await reconnected;
    await Promise.all(range(11, 15).map((n) => ada.send(room.id, { body: `after ${n}` }).ack));
    await until(() => bobSaw.length >= 15, 'all fifteen');
    await sleep(300);
    assert.deepEqual(seqsOf(bobSaw), range(1, 15));
    assert.equal(sockets.length, 2);
  });

  test('a send repeated with its clientMsgId gets the original ack, never a second message', async () => {
    const ada = await connected('ada');
    const room = await roomOf(ada);
    const first = await ada.send(room.id, { body: 'once', clientMsgId: 'fixed-id-1' }).ack;
    const again = await ada.send(room.id, { body: 'once', clientMsgId: 'fixed-id-1' }).ack;
    assert.equal(again.seq, first.seq);
    assert.equal(again.messageId, first.messageId);
    const history = await ada.api.history(room.id);
    assert.deepEqual(history.items.map((m) => m.clientMsgId), ['fixed-id-1']);
  });

  test('an unacknowledged send cut off by a disconnect is resent after reconnecting and lands once', async () => {
    const sockets = [];
    const ada = await connected('ada', { WebSocket: recordingWebSocket(sockets) });
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    await bob.subscribe(room.id);
    const bobSaw = collect(bob, 'message');
    const sends = range(1, 5).map((n) => ada.send(room.id, { body: `cut ${n}` }));
    sockets.at(-1).close(); // right after the frames went out: some may have been taken, some not
    const acks = await Promise.all(sends.map((send) => send.ack));
    assert.deepEqual(acks.map((a) => a.seq).sort((a, b) => a - b), range(1, 5));
    assert.ok(sockets.length >= 2, 'reconnected');
    const history = await ada.api.history(room.id);
    assert.deepEqual(history.items.map((m) => m.clientMsgId), sends.map((s) => s.clientMsgId), 'once each, in order');
    await until(() => bobSaw.length === 5, 'bob to see five');
    await sleep(300);
    assert.equal(bobSaw.length, 5);
  });

  test('a connection beyond the per-user limit is closed 4008 and the client stops instead of retrying', async (t) => {
    const user = await signedIn('many');
    const open = [];
    t.after(() => open.forEach((socket) => socket.disconnect()));
    for (let i = 0; i < 10; i++) {
      const socket = new ParleySocket({ session: user.session, api: user.api });
      const ready = socket.next('ready', undefined, 15_000);
      socket.connect();
      await ready;
      open.push(socket);
    }
    const attempts = [];
    const eleventh = new ParleySocket({ session: user.session, api: user.api, WebSocket: recordingWebSocket(attempts),
      backoff: { initialMs: 100 } });
    const stopped = eleventh.next('stopped', undefined, 15_000);
    eleventh.connect();
    const why = await stopped;
    assert.equal(why.code, 4008);
    assert.equal(why.reason, 'policy');
    await sleep(1000);
    assert.equal(attempts.length, 1, 'no reconnect loop');
    assert.equal(eleventh.state, 'stopped');
  });

  describe('a room with a backlog beyond the recovery limit (1010 messages)', () => {
    let owner;
    let room;
    const total = 1010;

    before(async () => {
      owner = await connected('owner');
      const second = await signedIn('second');
      room = await roomOf(owner, second);
      // ten connections of two users, each connection within its own allowance (burst 20, then 10/s)
      const senders = [owner];
      for (let i = 0; i < 4; i++) senders.push(await connectedAs(owner.user));
      for (let i = 0; i < 5; i++) senders.push(await connectedAs(second.user));
      const perSender = total / senders.length;
      await Promise.all(senders.flatMap((client, s) =>
        range(1, perSender).map((n) => client.send(room.id, { body: `m ${s}.${n}` }).ack)));
      senders.slice(1).forEach((client) => client.disconnect());
    });

    test('resuming from 0 pages the backlog over HTTP, then goes live, every seq once and in order', async () => {
      const reader = await connected('reader');
      await reader.api.join(room.id);
      const saw = collect(reader, 'message');
      const recovering = collect(reader, 'recovering');
      const subscribed = await reader.subscribe(room.id, { sinceSeq: 0 });
      assert.equal(subscribed.recovered, false);
      assert.equal(subscribed.headSeq, total);
      await until(() => saw.length >= total, 'the backlog', 60_000);
      await owner.send(room.id, { body: 'live after the backlog' }).ack;
      await until(() => saw.length === total + 1, 'the live message');
      assert.deepEqual(seqsOf(saw), range(1, total + 1));
      assert.deepEqual(recovering, [{ roomId: room.id, fromSeq: 0, toSeq: total }]);
    });

    test('history pages back to the first message and forward to a given seq', async () => {
      const pages = [];
      for await (const page of owner.api.olderPages(room.id, { limit: 100 })) pages.push(page);
      const seqs = pages.flatMap(seqsOf).sort((a, b) => a - b);
      assert.equal(seqs[0], 1);
      assert.deepEqual(seqs, range(1, seqs.at(-1)));
      assert.ok(pages.every((page) => page.length <= 100));
      assert.ok(pages[0][0].seq > pages[1][0].seq, 'newest page first');

      const forward = [];
      for await (const page of owner.api.newerPages(room.id, { after: 500, until: 730, limit: 100 })) forward.push(page);
      assert.deepEqual(forward.flatMap(seqsOf), range(501, 730));
      assert.equal(forward.length, 3);

      const around = await owner.api.history(room.id, { around: 300, limit: 10 });
      assert.ok(seqsOf(around.items).includes(300));
    });

    test('a backlog page refused for the user\'s history allowance is waited out, not reported: every seq once, in order', async () => {
      const pages = []; // the statuses of the backlog's pages (`after=`), not of the requests spending the allowance
      const recording = async (url, init) => {
        const response = await fetch(url, init);
        if (String(url).includes('after=')) pages.push(response.status);
        return response;
      };
      const reader = await connected('patient', { fetch: recording });
      await reader.api.join(room.id);
      const saw = collect(reader, 'message');
      const errors = collect(reader, 'error');
      // the user's allowance (20 pages/s, burst 50: contract §7's rate limits, Parley's own) spent by the user's other
      // requests before the resume, and while its backlog is paged until one of the pages is refused
      const spent = [];
      const spend = async () => (await Promise.allSettled(range(1, 5).map(() => reader.api.history(room.id, { limit: 1 }))))
        .forEach((result) => spent.push(result.status === 'fulfilled' ? 200 : result.reason.status));
      while (!spent.includes(429)) await spend();
      const deadline = Date.now() + 15_000;
      const spending = (async () => {
        while (!pages.includes(429) && Date.now() < deadline) {
          await spend();
          await sleep(20);
        }
      })();

      const subscribed = await reader.subscribe(room.id, { sinceSeq: 0 });
      await spending;
      assert.ok(pages.includes(429), `a backlog page was refused: ${pages}`);
      await until(() => saw.length >= subscribed.headSeq, 'the backlog', 60_000);
      assert.deepEqual(seqsOf(saw), range(1, subscribed.headSeq));
      assert.deepEqual(errors, [], 'a refusal for the allowance is no error to report');
      assert.equal(pages.filter((status) => status === 200).length, Math.ceil(subscribed.headSeq / 100), 'each page once');
    });
  });
});

