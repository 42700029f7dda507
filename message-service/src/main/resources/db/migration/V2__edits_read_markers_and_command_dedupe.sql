-- Edits, deletes, read markers, the recent-history cache's version and the dedupe of handled commands.

-- Bumped by every committed batch that changes a room's history (send, edit, delete). The recent-history
-- cache in Redis is tagged with the version it shows and is only served while PostgreSQL has the same one.
alter table room_sequences add column version bigint not null default 0;
update room_sequences set version = last_seq;

-- Commands other than accepted sends (edits, deletes, read markers, refusals), with the event each one
-- produced: a redelivered command republishes that event instead of being applied twice. Accepted sends
-- are deduplicated by messages_room_sender_client_msg_key instead. Purged after the commands' retention.
create table handled_commands (
    command_id uuid        primary key,
    room_id    uuid        not null,
    outcome    varchar(16) not null,
    reason     varchar(64),
    event_type varchar(64),
    event      bytea,
    handled_at timestamptz not null default now()
);
create index handled_commands_handled_at_idx on handled_commands (handled_at);

-- Where each member has read up to; only ever moves forward.
create table read_markers (
    user_id  uuid   not null,
    room_id  uuid   not null,
    read_seq bigint not null,
    primary key (user_id, room_id)
);

-- GET /api/me/unread starts from the caller's memberships: one index range per user, then one primary-key
-- lookup per room in room_sequences and read_markers.
create index room_members_user_idx on room_members (user_id, room_id);
