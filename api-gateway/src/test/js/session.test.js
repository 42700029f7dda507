// Signing in and staying signed in, against the running platform.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ParleyError } from '../../main/resources/static/lib/parley-client.js';
import {
  PASSWORD, connected, needsPlatform, newClient, recordingWebSocket, register, signedIn, sleep, uniqueName,
} from './platform.js';

describe('session', needsPlatform, () => {
  test('signs up, logs in and knows who it is', async () => {
    const client = newClient();
    const username = uniqueName('ada');
    const tokens = await client.signUp({ username, password: PASSWORD, displayName: 'Ada L.' });
    assert.equal(tokens.tokenType, 'Bearer');
    assert.equal(client.session.username, username);
    const me = await client.api.me();
    assert.equal(me.id, client.userId);
    assert.equal(me.displayName, 'Ada L.');
    await assert.rejects(client.signUp({ username: username.toUpperCase(), password: PASSWORD }),
      (error) => error instanceof ParleyError && error.status === 409 && error.code === 'username_taken');
  });

  test('a wrong password is invalid_credentials, a bad field a validation error naming it', async () => {
    const user = await register('bob');
    await assert.rejects(newClient().login(user.username, 'not the password'),
      (error) => error.status === 401 && error.code === 'invalid_credentials');
    await assert.rejects(newClient().signUp({ username: 'x', password: PASSWORD }),
      (error) => error.code === 'validation_failed' && error.errors.some((e) => e.field === 'username'));
  });

  test('a refresh rotates the refresh token; presenting a spent one revokes the login', async () => {
    const client = await signedIn('rot');
    const first = client.session.refreshToken;
    const before = client.session.accessToken;
    await client.session.refresh();
    const second = client.session.refreshToken;
    assert.notEqual(second, first);
    assert.notEqual(client.session.accessToken, before);

    const thief = newClient();
    thief.session.restore({ refreshToken: first });
    const signedOut = client.session.next('signedOut');
    assert.equal(await thief.resume(), false, 'the spent token is refused');
    await assert.rejects(client.session.refresh(), (error) => error.code === 'invalid_refresh_token');
    assert.deepEqual(await signedOut, { reason: 'expired' }, 'the whole family was revoked');
    assert.equal(client.session.signedIn, false);
  });

  test('a request answered 401 is sent again once, after a refresh', async () => {
    const asked = [];
    const fetch = (url, init) => { asked.push(new URL(url).pathname); return globalThis.fetch(url, init); };
    const client = await signedIn('retry', { fetch });
    const refreshToken = client.session.refreshToken;
    client.session.restore({ refreshToken, accessToken: 'not.a.token', expiresIn: 900 });
    asked.length = 0;
    const me = await client.api.me();
    assert.equal(me.username, client.user.username);
    assert.notEqual(client.session.refreshToken, refreshToken, 'refreshed');
    assert.deepEqual(asked, ['/api/users/me', '/api/auth/refresh', '/api/users/me']);
  });

  test('the access token is refreshed before it expires, and the live connection keeps its session', async () => {
    // a 15-minute token refreshed 897 s early: 3 s after login
    const client = await connected('early', { refreshLeewayMs: 897_000 });
    const sessionId = client.socket.sessionId;
    const first = client.session.accessToken;
    const tokens = await client.session.next('tokens', undefined, 10_000);
    assert.notEqual(tokens.accessToken, first);
    const extended = await client.socket.next('authenticated', undefined, 10_000);
    assert.equal(extended.sessionId, sessionId, 'the same session, extended');
    assert.equal(client.socket.state, 'ready');
  });

  test('logout revokes the session at the server', async () => {
    const client = await signedIn('bye');
    const refreshToken = client.session.refreshToken;
    await client.logout();
    assert.equal(client.session.signedIn, false);
    const again = newClient();
    again.session.restore({ refreshToken });
    assert.equal(await again.resume(), false);
  });

  test('a cookie session keeps the refresh token out of reach and resumes from the cookie alone', async () => {
    const jar = new CookieJar();
    const user = await register('cookie');
    const browser = newClient({ cookieSession: true, fetch: jar.fetch });
    const tokens = await browser.login(user.username, PASSWORD);
    assert.equal(tokens.refreshToken, undefined, 'not in the answer');
    assert.equal(browser.session.refreshToken, null);
    const cookie = jar.cookies.get('parley_refresh');
    assert.ok(cookie, 'the gateway passed the cookie on');
    assert.match(cookie.attributes, /HttpOnly/i);
    assert.match(cookie.attributes, /SameSite=Strict/i);
    assert.match(cookie.attributes, /Path=\/api\/auth/i);

    const reloaded = newClient({ cookieSession: true, fetch: jar.fetch }); // a reload: nothing in memory
    assert.equal(await reloaded.resume(), true);
    assert.equal(reloaded.userId, user.id);
    assert.notEqual(jar.cookies.get('parley_refresh').value, cookie.value, 'rotated');

    await reloaded.logout();
    assert.equal(jar.cookies.has('parley_refresh'), false, 'cleared');
    assert.equal(await newClient({ cookieSession: true, fetch: jar.fetch }).resume(), false);
  });

  test('a session that cannot be refreshed stops the socket instead of looping', async () => {
    const opened = [];
    const client = newClient({ WebSocket: recordingWebSocket(opened) });
    client.session.restore({ accessToken: 'garbage', expiresIn: 900 });
    const stopped = client.socket.next('stopped', undefined, 15_000);
    client.connect();
    const why = await stopped;
    assert.equal(why.code, 4001);
    assert.equal(why.reason, 'unauthorized');
    await sleep(1000);
    assert.equal(opened.length, 1, 'no connection after the stop');
  });
});

/** The part of a browser's cookie store these tests need: one origin, Path and Max-Age honoured. */
class CookieJar {
  cookies = new Map();

  fetch = async (url, init = {}) => {
    const path = new URL(url).pathname;
    const headers = new Headers(init.headers);
    const sent = [...this.cookies].filter(([, c]) => path.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`);
    if (sent.length) headers.set('Cookie', sent.join('; '));
    const response = await fetch(url, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...rest] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const attributes = rest.join(';');
      const cookiePath = /Path=([^;]+)/i.exec(attributes)?.[1] ?? '/';
      if (/Max-Age=0\b/i.test(attributes) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path: cookiePath, attributes });
    }
    return response;
  };
}
