-- Rooms, who belongs to them, and the outbox of room events (published to parley.room-events.v1).

create table rooms (
    id           uuid        primary key,
    kind         text        not null constraint rooms_kind_check check (kind in ('group', 'direct')),
    name         text        not null constraint rooms_name_length check (char_length(name) between 1 and 100),
    topic        text                 constraint rooms_topic_length check (char_length(topic) <= 500),
    visibility   text        not null constraint rooms_visibility_check check (visibility in ('public', 'private')),
    owner_id     uuid        not null,
    member_count integer     not null constraint rooms_member_count_check check (member_count >= 0),
    created_at   timestamptz not null
);

-- GET /api/rooms?scope=public pages by (created_at, id).
create index rooms_public_by_creation on rooms (created_at, id) where visibility = 'public';

create table memberships (
    room_id   uuid        not null references rooms (id) on delete cascade,
    user_id   uuid        not null,
    role      text        not null constraint memberships_role_check check (role in ('owner', 'admin', 'member')),
    joined_at timestamptz not null,
    primary key (room_id, user_id)
);

-- GET /api/rooms?scope=joined starts from the caller's memberships.
create index memberships_by_user on memberships (user_id, room_id);
-- A room has exactly one owner at a time (handing over demotes the old one in the same transaction).
create unique index memberships_one_owner_per_room on memberships (room_id) where role = 'owner';

-- Transactional outbox: written in the transaction that changes a room, deleted once Kafka acked it.
-- The identity id gives the publishing order; rows of one room are appended while its row is locked,
-- so their ids follow the commit order of that room's changes.
create table room_event_outbox (
    id         bigint generated always as identity primary key,
    event_id   uuid        not null unique,
    room_id    uuid        not null,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null default now()
);
