-- Bans, direct rooms, the user directory, and the move to the generic event outbox of service-starter.

-- A ban removes the member and keeps them out until it is lifted.
create table bans (
    room_id   uuid        not null references rooms (id) on delete cascade,
    user_id   uuid        not null,
    banned_by uuid        not null,
    reason    text                 constraint bans_reason_length check (char_length(reason) <= 500),
    banned_at timestamptz not null,
    primary key (room_id, user_id)
);

-- One direct room per pair of users: the lower user id first, so (a, b) and (b, a) are the same row.
create table direct_rooms (
    user_low  uuid not null,
    user_high uuid not null,
    room_id   uuid not null unique references rooms (id) on delete cascade,
    primary key (user_low, user_high),
    constraint direct_rooms_ordered_pair check (user_low < user_high)
);

-- Users as auth-service announces them on parley.user-events.v1 (a projection; auth-service owns the truth).
create table user_directory (
    user_id      uuid        primary key,
    username     text        not null,
    display_name text,
    updated_at   timestamptz not null
);

-- GET /api/rooms/{id}/members pages by (joined_at, user_id).
create index memberships_by_join on memberships (room_id, joined_at, user_id);

-- The generic outbox (service-starter's EventOutbox, ADR 0004) replaces room_event_outbox. Rows still
-- waiting are carried over in their order, with their event ids.
create table event_outbox (
    id         bigint generated always as identity primary key,
    topic      text        not null,
    record_key text        not null,
    event_type text        not null,
    event_id   uuid        not null unique,
    payload    bytea       not null,
    created_at timestamptz not null default now()
);

insert into event_outbox (topic, record_key, event_type, event_id, payload, created_at)
select 'parley.room-events.v1', room_id::text, event_type, event_id, convert_to(payload, 'UTF8'), created_at
from room_event_outbox
order by id;

drop table room_event_outbox;
