// The HTTP wrappers against the running platform, with the pushes that follow from them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect, connected, needsPlatform, roomOf, signedIn, until } from './platform.js';

describe('api', needsPlatform, () => {
  test('the directory finds users by username prefix and by id', async () => {
    const ada = await signedIn('dirada');
    const bob = await signedIn('dirbob');
    const found = await ada.api.users({ q: bob.user.username.slice(0, 9), limit: 5 });
    assert.ok(found.items.some((user) => user.id === bob.userId));
    assert.equal((await ada.api.user(bob.userId)).username, bob.user.username);
    await assert.rejects(ada.api.user('00000000-0000-4000-8000-000000000000'), (error) => error.code === 'user_not_found');
  });

  test('rooms: create, find among public rooms, join, list members; the owner cannot leave, a member can', async () => {
    const ada = await signedIn('ada');
    const bob = await signedIn('bob');
    const room = await ada.api.createRoom({ name: 'Lobby ' + ada.user.username, topic: 'hi', visibility: 'public' });
    assert.equal(room.myRole, 'owner');
    const found = await bob.api.rooms({ scope: 'public', q: 'Lobby ' + ada.user.username });
    assert.deepEqual(found.items.map((r) => r.id), [room.id]);
    await bob.api.join(room.id);
    const members = [];
    for await (const member of ada.api.all((cursor) => ada.api.members(room.id, { cursor, limit: 1 }))) members.push(member);
    assert.deepEqual(members.map((m) => m.userId).sort(), [ada.userId, bob.userId].sort());
    await assert.rejects(ada.api.leave(room.id), (error) => error.status === 409 && error.code === 'owner_cannot_leave');
    await bob.api.leave(room.id);
    assert.deepEqual((await bob.api.rooms({ scope: 'joined' })).items, []);
  });

  test('a direct room is one per pair, whoever opens it', async () => {
    const ada = await signedIn('ada');
    const bob = await signedIn('bob');
    const room = await ada.api.directRoom(bob.userId);
    assert.equal(room.kind, 'direct');
    assert.equal((await bob.api.directRoom(ada.userId)).id, room.id);
  });

  test('moderation: a role given, a kick the kicked one hears of, a ban that keeps them out', async () => {
    const ada = await connected('ada');
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    await bob.subscribe(room.id);
    await ada.api.setRole(room.id, bob.userId, 'admin');
    const members = await ada.api.members(room.id);
    assert.equal(members.items.find((m) => m.userId === bob.userId).role, 'admin');
    await ada.api.setRole(room.id, bob.userId, 'member');

    const ended = bob.socket.next('subscription_ended', (e) => e.roomId === room.id, 10_000);
    await ada.api.removeMember(room.id, bob.userId);
    assert.equal((await ended).reason, 'kicked');
    assert.deepEqual(bob.socket.subscriptions, []);

    await bob.api.join(room.id);
    await ada.api.ban(room.id, bob.userId, 'spam');
    await assert.rejects(bob.api.join(room.id), (error) => error.status === 403 && error.code === 'banned');
    await ada.api.unban(room.id, bob.userId);
    await bob.api.join(room.id);
  });

  test('edits and deletes reach subscribers; history shows the edit and the tombstone', async () => {
    const ada = await connected('ada');
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    await bob.subscribe(room.id);
    const edited = collect(bob, 'message_edited');
    const deleted = collect(bob, 'message_deleted');
    const first = await ada.send(room.id, { body: 'typo' }).ack;
    const second = await ada.send(room.id, { body: 'regret' }).ack;
    await ada.api.editMessage(room.id, first.seq, 'fixed');
    await ada.api.deleteMessage(room.id, second.seq);
    await until(() => edited.length === 1 && deleted.length === 1, 'the pushes');
    assert.equal(edited[0].body, 'fixed');
    assert.equal(deleted[0].seq, second.seq);
    await assert.rejects(bob.api.editMessage(room.id, first.seq, 'not mine'), (error) => error.status === 403);
    const history = await bob.api.history(room.id);
    assert.equal(history.items[0].body, 'fixed');
    assert.ok(history.items[0].editedAt);
    assert.deepEqual([history.items[1].deleted, history.items[1].body], [true, '']);
  });

  test('unread counts, and the read marker moved over the socket', async () => {
    const ada = await connected('ada');
    const bob = await connected('bob');
    const room = await roomOf(ada, bob);
    for (const body of ['one', 'two', 'three']) await ada.send(room.id, { body }).ack;
    const unreadOf = async () => (await bob.api.unread()).items.find((item) => item.roomId === room.id);
    await until(async () => (await unreadOf())?.unread === 3, 'three unread');
    await bob.subscribe(room.id);
    await bob.socket.read(room.id, 2);
    await until(async () => (await unreadOf())?.unread === 1, 'one unread');
    await bob.api.markRead(room.id, 3);
    assert.equal((await unreadOf()).unread, 0);
  });

  test('presence: who is online in a room, and the change pushed', async () => {
    const ada = await connected('ada');
    const bob = await signedIn('bob');
    const room = await roomOf(ada, bob);
    await ada.subscribe(room.id);
    const online = ada.socket.next('presence', (p) => p.userId === bob.userId && p.status === 'online', 10_000);
    bob.connect();
    await online;
    assert.ok((await ada.api.presence(room.id)).online.includes(bob.userId));
    const offline = ada.socket.next('presence', (p) => p.userId === bob.userId && p.status === 'offline', 10_000);
    bob.disconnect();
    await offline;
  });

  test('message search answers matches newest first with the highlight markers', async () => {
    const ada = await connected('ada');
    const room = await roomOf(ada);
    const word = 'zebra' + ada.user.username.slice(-6);
    await ada.send(room.id, { body: `a ${word} here` }).ack;
    await ada.send(room.id, { body: `another ${word.toUpperCase()}` }).ack;
    const found = await ada.api.searchMessages({ q: word, roomId: room.id });
    assert.deepEqual(found.items.map((m) => m.seq), [2, 1]);
    assert.equal(found.items[1].highlight, `a \u0002${word}\u0003 here`);
  });
});
