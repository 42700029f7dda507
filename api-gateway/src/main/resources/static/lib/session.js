// Signing in and staying signed in (contract §2 Auth): the access token is refreshed before it expires,
// and once more when a request is answered 401; refresh tokens rotate on every use.
import { Emitter } from './emitter.js';

/** @typedef {import('./types.js').Tokens} Tokens */
/** @typedef {import('./types.js').User} User */

/** The header that asks auth-service for a cookie session (the refresh token in an HttpOnly cookie). */
export const COOKIE_SESSION_HEADER = 'Parley-Session';

/** A token that expires within this margin is refreshed before it is used (clock skew, time in flight). */
const EXPIRY_MARGIN_MS = 10_000;

/** An answer of the API that is not a success: the contract's problem document, or a network failure. */
export class ParleyError extends Error {
  /**
   * @param {number} status the HTTP status; 0 when the server could not be reached
   * @param {string} code the problem's stable `code` (`network_error` when unreachable)
   * @param {string} message
   * @param {object} [problem] the whole problem document
   * @param {number|null} [retryAfterMs] from `Retry-After`
   */
  constructor(status, code, message, problem = null, retryAfterMs = null) {
    super(message);
    this.name = 'ParleyError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    /** @type {{field: string, message: string}[]} */
    this.errors = problem?.errors ?? [];
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Holds the tokens and makes authenticated requests. Two ways to keep the refresh token:
 * - `cookieSession: true` (the web client): auth-service keeps it in an HttpOnly cookie scoped to
 *   `/api/auth` — no script can read it; a reload calls `resume()`. Needs the page's own origin.
 * - otherwise (apps, bots, Node): the token is in memory; read `refreshToken` to store it where your
 *   platform keeps secrets, and `restore({refreshToken})` on the next start.
 *
 * Events: `tokens` (a new access token: `{accessToken, expiresAt}`), `signedOut` (`{reason}`: `logout`,
 * or `expired` when the session could not be refreshed).
 */
export class Session extends Emitter {
  #baseUrl;
  #fetch;
  #cookieSession;
  #refreshLeewayMs;
  #accessToken = null;
  #expiresAt = 0;
  #refreshToken = null;
  #claims = null;
  #refreshing = null;
  #timer = null;

  /**
   * @param {object} [options]
   * @param {string} [options.baseUrl] the api-gateway's URL, e.g. `https://chat.example.com`; '' (default) is the page's origin
   * @param {typeof fetch} [options.fetch] defaults to the global fetch
   * @param {boolean} [options.cookieSession] keep the refresh token in an HttpOnly cookie (browsers, same origin)
   * @param {number} [options.refreshLeewayMs] refresh this long before the access token expires (default 60 s)
   */
  constructor({ baseUrl = '', fetch = globalThis.fetch, cookieSession = false, refreshLeewayMs = 60_000 } = {}) {
    super();
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = fetch;
    this.#cookieSession = cookieSession;
    this.#refreshLeewayMs = refreshLeewayMs;
  }

  get baseUrl() { return this.#baseUrl; }
  get signedIn() { return this.#accessToken !== null; }
  /** The current access token (may be about to expire: requests use `validAccessToken()`). */
  get accessToken() { return this.#accessToken; }
  /** When the access token expires, in ms since the epoch. */
  get expiresAt() { return this.#expiresAt; }
  /** The refresh token, to store it yourself; always null in a cookie session. */
  get refreshToken() { return this.#refreshToken; }
  /** The signed-in user's id (the token's `sub`). */
  get userId() { return this.#claims?.sub ?? null; }
  /** The signed-in user's username (the token's `preferred_username`). */
  get username() { return this.#claims?.preferred_username ?? null; }

  /** @returns {Promise<User>} the new user; it is not signed in (see `login`) */
  register({ username, password, displayName }) {
    return this.request('POST', '/api/auth/register', { body: { username, password, displayName }, auth: false });
  }

  /** @returns {Promise<Tokens>} */
  async login(username, password) {
    const tokens = await this.request('POST', '/api/auth/login',
      { body: { username, password }, auth: false, headers: this.#sessionHeaders() });
    this.#accept(tokens);
    return tokens;
  }

  /**
   * Signs in again without a password: a cookie session with the browser's cookie, otherwise with the
   * refresh token given to `restore`. False when there is no session to resume.
   */
  async resume() {
    if (!this.#cookieSession && !this.#refreshToken) return false;
    try {
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof ParleyError && error.status === 401) return false;
      throw error;
    }
  }

  /**
   * Takes tokens kept from an earlier run: at least a refresh token (outside a cookie session), and
   * optionally the access token with its `expiresIn` seconds.
   */
  restore({ refreshToken = null, accessToken = null, expiresIn = 0 } = {}) {
    this.#refreshToken = refreshToken;
    if (accessToken) this.#accept({ accessToken, expiresIn, refreshToken }, false);
  }

  /**
   * A new access token now; the refresh token is spent and replaced. Concurrent callers share one request.
   * When the session cannot be refreshed (401), it ends: `signedOut` with reason `expired`.
   * @returns {Promise<Tokens>}
   */
  refresh() {
    this.#refreshing ??= this.#refreshNow().finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  async #refreshNow() {
    if (!this.#cookieSession && !this.#refreshToken) {
      this.#end('expired');
      throw new ParleyError(401, 'invalid_refresh_token', 'There is no session to refresh.');
    }
    try {
      const body = this.#cookieSession ? {} : { refreshToken: this.#refreshToken };
      const tokens = await this.request('POST', '/api/auth/refresh', { body, auth: false, headers: this.#sessionHeaders() });
      this.#accept(tokens);
      return tokens;
    } catch (error) {
      if (error instanceof ParleyError && error.status === 401) this.#end('expired');
      throw error;
    }
  }

  /** The access token, refreshed first when it is missing or about to expire. */
  async validAccessToken() {
    if (!this.#accessToken || Date.now() > this.#expiresAt - EXPIRY_MARGIN_MS) await this.refresh();
    return this.#accessToken;
  }

  /** Revokes the refresh token's family at auth-service (best effort) and forgets every token. */
  async logout() {
    try {
      if (this.#accessToken) {
        const body = this.#cookieSession || !this.#refreshToken ? {} : { refreshToken: this.#refreshToken };
        await this.request('POST', '/api/auth/logout', { body, headers: this.#sessionHeaders(), retry: false });
      }
    } catch {
      // signed out here anyway; an unrevoked token expires by itself
    } finally {
      this.#end('logout');
    }
  }

  /**
   * One HTTP request to the API: JSON in and out, the bearer token added (and, after a 401, refreshed
   * once and the request sent again), a problem answer thrown as ParleyError.
   * @param {string} method
   * @param {string} path e.g. `/api/rooms`
   * @param {object} [options]
   * @param {any} [options.body] JSON-serialised, or sent as is when FormData/Blob
   * @param {Record<string, any>} [options.query] undefined/null values are left out
   * @param {Record<string, string>} [options.headers]
   * @param {boolean} [options.auth] send the bearer token (default true)
   * @param {boolean} [options.retry] refresh and retry once on 401 (default true)
   * @param {'json'|'blob'|'response'} [options.as] how to read a successful answer (default json)
   * @param {AbortSignal} [options.signal]
   */
  async request(method, path, { body, query, headers = {}, auth = true, retry = true, as = 'json', signal } = {}) {
    const url = this.#baseUrl + path + queryString(query);
    const send = async () => {
      const all = { Accept: 'application/json', ...headers };
      let payload = body;
      if (body !== undefined && !isBinary(body)) {
        all['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      if (auth) all.Authorization = 'Bearer ' + await this.validAccessToken();
      try {
        return await this.#fetch.call(globalThis, url, { method, headers: all, body: payload, signal, credentials: 'same-origin' });
      } catch (error) {
        if (error?.name === 'AbortError') throw error;
        throw new ParleyError(0, 'network_error', `Could not reach ${url}: ${error.message}`);
      }
    };
    let response = await send();
    if (response.status === 401 && auth && retry) {
      await response.body?.cancel?.();
      await this.refresh();
      response = await send();
    }
    if (!response.ok) throw await problemOf(response);
    if (as === 'response') return response;
    if (as === 'blob') return response.blob();
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  #sessionHeaders() {
    return this.#cookieSession ? { [COOKIE_SESSION_HEADER]: 'cookie' } : {};
  }

  #accept(tokens, announce = true) {
    this.#accessToken = tokens.accessToken;
    this.#claims = decodeClaims(tokens.accessToken);
    this.#expiresAt = Date.now() + tokens.expiresIn * 1000;
    if (tokens.refreshToken) this.#refreshToken = tokens.refreshToken;
    clearTimeout(this.#timer);
    // before it expires, not after: a live WebSocket gets the fresh token in time (contract §3)
    const delay = Math.max(1000, tokens.expiresIn * 1000 - this.#refreshLeewayMs);
    this.#timer = setTimeout(() => this.refresh().catch(() => {}), Math.min(delay, 2 ** 31 - 1));
    this.#timer.unref?.();
    if (announce) this.emit('tokens', { accessToken: this.#accessToken, expiresAt: this.#expiresAt });
  }

  #end(reason) {
    const wasSignedIn = this.#accessToken !== null || this.#refreshToken !== null;
    clearTimeout(this.#timer);
    this.#accessToken = null;
    this.#refreshToken = null;
    this.#claims = null;
    this.#expiresAt = 0;
    if (wasSignedIn || reason === 'logout') this.emit('signedOut', { reason });
  }
}

function isBinary(body) {
  return (typeof FormData !== 'undefined' && body instanceof FormData) || (typeof Blob !== 'undefined' && body instanceof Blob);
}

function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

async function problemOf(response) {
  let problem = null;
  try {
    problem = JSON.parse(await response.text());
  } catch {
    // not a problem document (a proxy's page): status alone
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ParleyError(response.status, problem?.code ?? `http_${response.status}`,
    problem?.detail ?? problem?.title ?? response.statusText ?? `HTTP ${response.status}`, problem,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
}

/** The claims of a JWT, without verifying it (the server does): only to know who is signed in. */
function decodeClaims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
