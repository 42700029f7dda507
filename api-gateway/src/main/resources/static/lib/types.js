// The shapes of contract §2, §3 and §6, for editors and for `tsc --checkJs` users: JSDoc only, no code.

/**
 * @typedef {object} User
 * @property {string} id
 * @property {string} username
 * @property {string} displayName
 * @property {string} createdAt
 */

/**
 * @typedef {object} Tokens
 * @property {string} accessToken
 * @property {'Bearer'} tokenType
 * @property {number} expiresIn seconds
 * @property {string} [refreshToken] absent in a cookie session: the browser keeps it in an HttpOnly cookie
 * @property {number} refreshExpiresIn seconds
 */

/**
 * @typedef {object} Room
 * @property {string} id
 * @property {'group'|'direct'} kind
 * @property {string} name
 * @property {string|null} [topic]
 * @property {'public'|'private'} visibility
 * @property {string} ownerId
 * @property {number} memberCount
 * @property {string} createdAt
 * @property {'owner'|'admin'|'member'} [myRole]
 */

/**
 * @typedef {object} Member
 * @property {string} userId
 * @property {'owner'|'admin'|'member'} role
 * @property {string} joinedAt
 */

/**
 * @typedef {object} FileInfo
 * @property {string} id
 * @property {string} name
 * @property {string} contentType
 * @property {number} size
 * @property {string} createdAt
 */

/**
 * @typedef {object} Reaction
 * @property {string} emoji
 * @property {number} count
 * @property {boolean} me whether the caller reacted
 */

/**
 * @typedef {object} Message
 * @property {string} id
 * @property {string} roomId
 * @property {number} seq
 * @property {string} senderId
 * @property {string} clientMsgId
 * @property {string} body
 * @property {string} createdAt
 * @property {string} [editedAt]
 * @property {boolean} deleted
 * @property {number} [threadRoot] §6: the seq of the thread's root, on a reply
 * @property {number} [replyCount] §6: on a root
 * @property {string} [lastReplyAt] §6: on a root
 * @property {Reaction[]} [reactions] §6
 * @property {string[]} [mentions] §6: user ids, in order of first appearance
 * @property {FileInfo[]} [attachments] §6
 * @property {string} [highlight] search results only: the body with matches between U+0002 and U+0003
 */

/**
 * @template T
 * @typedef {object} List
 * @property {T[]} items
 * @property {string|null} nextCursor
 */

/**
 * @typedef {object} HistoryPage
 * @property {Message[]} items ascending by seq
 * @property {boolean} hasMore more messages beyond the page in its direction
 */

/**
 * @typedef {object} UnreadItem
 * @property {string} roomId
 * @property {number} lastSeq
 * @property {number} readSeq
 * @property {number} unread
 * @property {number} [mentions] §6: unread messages mentioning the caller
 */

/**
 * @typedef {object} Ack
 * @property {string} roomId
 * @property {string} clientMsgId
 * @property {number} seq
 * @property {string} messageId
 * @property {string} createdAt
 */

/**
 * @typedef {object} Subscribed
 * @property {string} roomId
 * @property {number} headSeq
 * @property {boolean} recovered false: the backlog was beyond the server's recovery limit (the client paged it)
 */

/**
 * @typedef {object} Stopped why the connection stopped for good (no reconnect): see ParleySocket.connect()
 * @property {number} code the close code (4001, 4003, 4008, 1003, 1009), or 0 when no connection was made
 * @property {string} reason a stable word: unauthorized, account_disabled, policy, protocol, signed_out
 * @property {string} message for people
 */

export {};
