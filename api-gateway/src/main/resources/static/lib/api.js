// Thin wrappers of the HTTP API (contract §2 and §6), one method per endpoint, and paging helpers.

/** @typedef {import('./types.js').User} User */
/** @typedef {import('./types.js').Room} Room */
/** @typedef {import('./types.js').Member} Member */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').HistoryPage} HistoryPage */
/** @typedef {import('./types.js').UnreadItem} UnreadItem */
/** @typedef {import('./types.js').FileInfo} FileInfo */
/** @template T @typedef {import('./types.js').List<T>} List */

const id = encodeURIComponent;

/**
 * Uploads one client runs at once; the rest wait their turn. The edge takes 4 of a user's uploads at a time and
 * answers one more 429 `rate_limited` (its other tabs and devices may be uploading too).
 */
export const UPLOADS_AT_ONCE = 3;

export class ParleyApi {
  #uploading = 0;
  /** @type {Array<() => void>} */
  #waitingUploads = [];

  /** @param {import('./session.js').Session} session */
  constructor(session) {
    this.session = session;
  }

  #get(path, query) { return this.session.request('GET', path, { query }); }
  #send(method, path, body) { return this.session.request(method, path, { body }); }

  // ---- users (auth-service)

  /** @returns {Promise<User>} */
  me() { return this.#get('/api/users/me'); }
  /** @returns {Promise<User>} */
  updateMe({ displayName }) { return this.#send('PATCH', '/api/users/me', { displayName }); }
  /** @returns {Promise<User>} 404 `user_not_found` */
  user(userId) { return this.#get(`/api/users/${id(userId)}`); }
  /** Users whose username starts with `q`. @returns {Promise<List<User>>} */
  users({ q, limit, cursor } = {}) { return this.#get('/api/users', { q, limit, cursor }); }

  // ---- rooms (room-service)

  /** @param {{scope?: 'joined'|'public', q?: string, limit?: number, cursor?: string}} [params] @returns {Promise<List<Room>>} */
  rooms({ scope, q, limit, cursor } = {}) { return this.#get('/api/rooms', { scope, q, limit, cursor }); }
  /** @returns {Promise<Room>} */
  room(roomId) { return this.#get(`/api/rooms/${id(roomId)}`); }
  /** @param {{name: string, topic?: string, visibility: 'public'|'private'}} room @returns {Promise<Room>} */
  createRoom({ name, topic, visibility }) { return this.#send('POST', '/api/rooms', { name, topic, visibility }); }
  /** The one direct room of the caller and `userId` (created the first time). @returns {Promise<Room>} */
  directRoom(userId) { return this.#send('POST', '/api/rooms/direct', { userId }); }
  /** @param {{name?: string, topic?: string, visibility?: 'public'|'private'}} changes @returns {Promise<Room>} */
  updateRoom(roomId, changes) { return this.#send('PATCH', `/api/rooms/${id(roomId)}`, changes); }
  deleteRoom(roomId) { return this.#send('DELETE', `/api/rooms/${id(roomId)}`); }
  /** @returns {Promise<List<Member>>} */
  members(roomId, { limit, cursor } = {}) { return this.#get(`/api/rooms/${id(roomId)}/members`, { limit, cursor }); }
  /** Joins a public room. @returns {Promise<Member>} 403 `banned` */
  join(roomId) { return this.#send('POST', `/api/rooms/${id(roomId)}/members`, {}); }
  /** Adds someone (owner/admin). @returns {Promise<Member>} */
  addMember(roomId, userId) { return this.#send('POST', `/api/rooms/${id(roomId)}/members`, { userId }); }
  /** Leaves (the caller's own id) or kicks (owner/admin). */
  removeMember(roomId, userId) { return this.#send('DELETE', `/api/rooms/${id(roomId)}/members/${id(userId)}`); }
  /** 409 `owner_cannot_leave` for the owner. */
  leave(roomId) { return this.removeMember(roomId, this.session.userId); }
  /** @param {'admin'|'member'} role */
  setRole(roomId, userId, role) { return this.#send('PUT', `/api/rooms/${id(roomId)}/members/${id(userId)}/role`, { role }); }
  ban(roomId, userId, reason) { return this.#send('POST', `/api/rooms/${id(roomId)}/bans`, { userId, reason }); }
  unban(roomId, userId) { return this.#send('DELETE', `/api/rooms/${id(roomId)}/bans/${id(userId)}`); }

  // ---- messages (message-service; presence is ws-gateway's)

  /**
   * One page of history, ascending by seq: the latest by default, or `before`/`after`/`around` a seq.
   * @param {{before?: number, after?: number, around?: number, limit?: number}} [params]
   * @returns {Promise<HistoryPage>}
   */
  history(roomId, { before, after, around, limit } = {}) {
    return this.#get(`/api/rooms/${id(roomId)}/messages`, { before, after, around, limit });
  }

  /**
   * Sends over HTTP (bots, integrations; interactive clients use the socket). 201 Message, or 202
   * `{clientMsgId}` when persistence took longer than 5 s — retry with the same clientMsgId.
   * @param {{clientMsgId: string, body: string, threadRoot?: number, attachments?: string[]}} message
   */
  postMessage(roomId, { clientMsgId, body, threadRoot, attachments }) {
    return this.#send('POST', `/api/rooms/${id(roomId)}/messages`, withoutEmpty({ clientMsgId, body, threadRoot, attachments }));
  }

  /** @returns {Promise<Message>} sender only */
  editMessage(roomId, seq, body) { return this.#send('PATCH', `/api/rooms/${id(roomId)}/messages/${seq}`, { body }); }
  /** Leaves a tombstone; sender, or the room's owner/admin. */
  deleteMessage(roomId, seq) { return this.#send('DELETE', `/api/rooms/${id(roomId)}/messages/${seq}`); }
  /** Moves the read marker forward (never back). */
  markRead(roomId, seq) { return this.#send('PUT', `/api/rooms/${id(roomId)}/read`, { seq }); }
  /** @returns {Promise<{items: UnreadItem[]}>} */
  unread() { return this.#get('/api/me/unread'); }
  /** @returns {Promise<{online: string[]}>} */
  presence(roomId) { return this.#get(`/api/rooms/${id(roomId)}/presence`); }

  // ---- contract §6: threads, reactions, mentions, search, attachments

  /** The replies of the thread rooted at `seq`, ascending. @returns {Promise<HistoryPage>} */
  thread(roomId, seq, { after, limit } = {}) {
    return this.#get(`/api/rooms/${id(roomId)}/messages/${seq}/thread`, { after, limit });
  }

  /** Idempotent; an emoji sequence or a `:shortcode:`. */
  react(roomId, seq, emoji) { return this.#send('PUT', `/api/rooms/${id(roomId)}/messages/${seq}/reactions/${id(emoji)}`); }
  unreact(roomId, seq, emoji) { return this.#send('DELETE', `/api/rooms/${id(roomId)}/messages/${seq}/reactions/${id(emoji)}`); }
  /** Messages mentioning the caller, newest first. @returns {Promise<List<Message>>} */
  mentions({ limit, cursor } = {}) { return this.#get('/api/me/mentions', { limit, cursor }); }

  /**
   * Messages matching every word of `q`, newest first; each has `highlight` (matches between U+0002 and
   * U+0003: escape the text, then style them). @returns {Promise<List<Message>>}
   */
  searchMessages({ q, roomId, limit, cursor }) { return this.#get('/api/search/messages', { q, roomId, limit, cursor }); }

  /**
   * Uploads a file (multipart, part `file`); send its id in a message's `attachments`. At most
   * {@link UPLOADS_AT_ONCE} run at once; the others start as those end.
   * @param {Blob} file a File in browsers, or any Blob
   * @param {string} [name] defaults to the File's name
   * @returns {Promise<FileInfo>} 413 `file_too_large`
   */
  async uploadFile(file, name = file.name ?? 'file') {
    await this.#uploadTurn();
    try {
      const form = new FormData();
      form.append('file', file, name);
      return await this.session.request('POST', '/api/files', { body: form });
    } finally {
      this.#uploadDone();
    }
  }

  #uploadTurn() {
    if (this.#uploading < UPLOADS_AT_ONCE) {
      this.#uploading += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waitingUploads.push(resolve));
  }

  /** The ended upload's turn goes to the next one waiting. */
  #uploadDone() {
    const next = this.#waitingUploads.shift();
    if (next) next();
    else this.#uploading -= 1;
  }

  /**
   * A file's bytes (for its uploader and readers of a room it was posted in). Images need the token, so a
   * page cannot point an <img> at the URL: make an object URL of this Blob instead.
   * @returns {Promise<Blob>}
   */
  file(fileId) { return this.session.request('GET', `/api/files/${id(fileId)}`, { as: 'blob' }); }

  // ---- paging

  /**
   * Pages of older history, newest page first, each ascending by seq — from `before` (default: the
   * latest) back to the room's first message.
   * @param {{before?: number, limit?: number}} [params]
   * @returns {AsyncGenerator<Message[]>}
   */
  async* olderPages(roomId, { before, limit = 50 } = {}) {
    let cursor = before;
    for (;;) {
      const page = await this.history(roomId, cursor === undefined ? { limit } : { before: cursor, limit });
      if (page.items.length) yield page.items;
      if (!page.hasMore || !page.items.length) return;
      cursor = page.items[0].seq;
    }
  }

  /**
   * Pages of newer history, ascending, after `after` — up to and including `until` when given (a
   * `subscribed` frame's headSeq), else to the latest message.
   * @param {{after: number, until?: number, limit?: number}} params
   * @returns {AsyncGenerator<Message[]>}
   */
  async* newerPages(roomId, { after, until, limit = 100 }) {
    let cursor = after;
    for (;;) {
      const page = await this.history(roomId, { after: cursor, limit });
      const items = until === undefined ? page.items : page.items.filter((message) => message.seq <= until);
      if (items.length) yield items;
      const last = page.items.at(-1)?.seq;
      if (!page.hasMore || last === undefined || (until !== undefined && last >= until)) return;
      cursor = last;
    }
  }

  /**
   * Every item of a cursor-paged list, e.g. `api.all((cursor) => api.members(roomId, {cursor}))`.
   * @template T
   * @param {(cursor: string|undefined) => Promise<List<T>>} fetchPage
   * @returns {AsyncGenerator<T>}
   */
  async* all(fetchPage) {
    let cursor;
    do {
      const page = await fetchPage(cursor);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

function withoutEmpty(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) =>
    value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)));
}
