// Parley's client library: plain ES modules, no dependencies, the same code in browsers and in Node ≥ 20.
//
//   import { ParleyClient } from './lib/parley-client.js';
//   const client = new ParleyClient({ baseUrl: 'https://chat.example.com' });
//   await client.login('ada', 'correct horse');
//   client.on('message', (message) => console.log(message.seq, message.body));
//   client.connect();
//   await client.subscribe(roomId);
//   await client.send(roomId, { body: 'hello' }).ack;
//
// The parts can be used on their own: Session (tokens), ParleyApi (HTTP), ParleySocket (WebSocket).
import { ParleyApi } from './api.js';
import { ParleySocket } from './socket.js';
import { Session } from './session.js';

export { ParleyApi, UPLOADS_AT_ONCE } from './api.js';
export { Emitter } from './emitter.js';
export { COOKIE_SESSION_HEADER, ParleyError, Session } from './session.js';
export { backoffDelay, CLOSE_CODES, newClientMsgId, ParleySocket } from './socket.js';

/** @typedef {import('./types.js').Ack} Ack */
/** @typedef {import('./types.js').Subscribed} Subscribed */

export class ParleyClient {
  /**
   * @param {object} [options] those of Session and ParleySocket:
   * @param {string} [options.baseUrl] the api-gateway, e.g. `https://chat.example.com` ('' = the page's origin)
   * @param {boolean} [options.cookieSession] browsers on the gateway's origin: the refresh token in an HttpOnly cookie
   * @param {typeof fetch} [options.fetch]
   * @param {typeof WebSocket} [options.WebSocket]
   * @param {number} [options.refreshLeewayMs]
   * @param {{initialMs?: number, maxMs?: number}} [options.backoff]
   * @param {{perSecond?: number, burst?: number}} [options.sendRate]
   * @param {string} [options.url] the WebSocket URL, if not `baseUrl` + `/ws`
   */
  constructor(options = {}) {
    this.session = new Session(options);
    this.api = new ParleyApi(this.session);
    this.socket = new ParleySocket({ ...options, session: this.session, api: this.api });
  }

  get userId() { return this.session.userId; }

  /** Registers and signs in. */
  async signUp({ username, password, displayName }) {
    await this.session.register({ username, password, displayName });
    return this.session.login(username, password);
  }

  login(username, password) { return this.session.login(username, password); }
  /** Signs in again from a kept session (cookie, or `session.restore`): false when there is none. */
  resume() { return this.session.resume(); }

  /** Closes the connection, forgets subscriptions and unsent messages, and ends the session at the server. */
  async logout() {
    this.socket.reset();
    await this.session.logout();
  }

  connect() { this.socket.connect(); }
  disconnect() { this.socket.disconnect(); }

  /** @returns {Promise<Subscribed>} */
  subscribe(roomId, options) { return this.socket.subscribe(roomId, options); }
  unsubscribe(roomId) { this.socket.unsubscribe(roomId); }
  /** @returns {{clientMsgId: string, ack: Promise<Ack>}} */
  send(roomId, message) { return this.socket.send(roomId, message); }

  /** Listens to the socket's events and the session's (`tokens`, `signedOut`). @returns {() => void} */
  on(type, listener) {
    const offSocket = this.socket.on(type, listener);
    const offSession = type === 'tokens' || type === 'signedOut' ? this.session.on(type, listener) : () => {};
    return () => { offSocket(); offSession(); };
  }
}
