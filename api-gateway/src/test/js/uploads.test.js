// The client library's uploads on their own, against a scripted session: how many run at once. Needs no platform.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParleyApi, UPLOADS_AT_ONCE } from '../../main/resources/static/lib/parley-client.js';

/** A session whose requests stay open until the test answers them. */
class ScriptedSession {
  requests = [];

  request(method, path, { body }) {
    return new Promise((resolve, reject) => this.requests.push({ method, path, body, resolve, reject }));
  }
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

test('at most UPLOADS_AT_ONCE uploads run at once; the others start as those end, answered or failed', async () => {
  const session = new ScriptedSession();
  const api = new ParleyApi(session);
  const uploads = Array.from({ length: UPLOADS_AT_ONCE + 2 }, (_, i) => api.uploadFile(new Blob(['bytes']), `f${i}`));
  await settled();
  assert.equal(UPLOADS_AT_ONCE, 3);
  assert.deepEqual(session.requests.map((r) => r.body.get('file').name), ['f0', 'f1', 'f2']);
  assert.ok(session.requests.every((r) => r.method === 'POST' && r.path === '/api/files'));

  session.requests[1].resolve({ id: 'one' });
  assert.deepEqual(await uploads[1], { id: 'one' });
  await settled();
  assert.equal(session.requests.length, 4);
  session.requests[0].reject(new Error('file_too_large'));
  await assert.rejects(uploads[0], /file_too_large/);
  await settled();
  assert.deepEqual(session.requests.map((r) => r.body.get('file').name), ['f0', 'f1', 'f2', 'f3', 'f4']);

  session.requests.slice(2).forEach((r, i) => r.resolve({ id: `later${i}` }));
  assert.deepEqual(await Promise.all(uploads.slice(2)), [{ id: 'later0' }, { id: 'later1' }, { id: 'later2' }]);
  api.uploadFile(new Blob(['again']), 'again');
  await settled();
  assert.equal(session.requests.length, 6, 'every turn was given back');
});
