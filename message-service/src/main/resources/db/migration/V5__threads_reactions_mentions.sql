-- Contract §6: threads, reactions and mentions live with the messages they belong to.

-- Threads: a reply names its root's seq; a root keeps its reply count and the time of its last reply.
-- Reactions: a summary [{emoji, count}] (in the order the emoji were first used) kept on the message, so a
-- history page — from PostgreSQL or from the Redis cache — shows counts without a query per message.
-- Mentions: the user ids a body mentions, in order of first appearance. Adding a column with a constant
-- default rewrites nothing (PostgreSQL 11+). Attachments: the File objects of the message (the files table
-- keeps who uploaded what and where it is stored), so history shows them without a join.
alter table messages
    add column thread_root   bigint,
    add column reply_count   integer     not null default 0,
    add column last_reply_at timestamptz,
    add column reactions     jsonb       not null default '[]',
    add column mentions      uuid[]      not null default '{}',
    add column attachments   jsonb       not null default '[]';

-- A thread's replies, ascending by seq.
create index messages_thread_idx on messages (room_id, thread_root, seq) where thread_root is not null;

-- Who reacted with what: the truth the summary is computed from, and "me" for a reader.
create table message_reactions (
    room_id    uuid        not null,
    seq        bigint      not null,
    emoji      text        not null,
    user_id    uuid        not null,
    reacted_at timestamptz not null,
    primary key (room_id, seq, emoji, user_id)
);
create index message_reactions_reader_idx on message_reactions (room_id, user_id, seq);

-- One row per (mentioned user, message): GET /api/me/mentions newest first, and the unread mention counts.
create table message_mentions (
    user_id    uuid   not null,
    message_id uuid   not null,
    room_id    uuid   not null,
    seq        bigint not null,
    primary key (user_id, message_id)
);
create index message_mentions_room_idx on message_mentions (user_id, room_id, seq);

-- Projection of parley.user-events.v1: usernames, to resolve @username at send time.
create table users (
    user_id  uuid primary key,
    username text not null
);
create index users_username_idx on users (lower(username));
