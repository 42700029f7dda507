-- Messages: one row per (room, seq); seq is gap-free per room (contract §5.1).
create table messages (
    id            uuid        primary key,
    room_id       uuid        not null,
    seq           bigint      not null,
    sender_id     uuid        not null,
    client_msg_id varchar(64) not null,
    body          text        not null,
    created_at    timestamptz not null,
    edited_at     timestamptz,
    deleted       boolean     not null default false,
    -- Also the index of every history page (keyset on seq within a room).
    constraint messages_room_seq_key unique (room_id, seq),
    -- Exactly-once effect on send (contract §5.3): one message per sender, room and clientMsgId.
    constraint messages_room_sender_client_msg_key unique (room_id, sender_id, client_msg_id)
);

-- The last seq handed out per room; the row lock taken by the upsert serialises allocation per room.
create table room_sequences (
    room_id  uuid   primary key,
    last_seq bigint not null
);

-- Projection of parley.room-events.v1: only what access checks need. room-service owns the truth.
create table rooms (
    room_id    uuid        primary key,
    kind       varchar(16) not null,
    visibility varchar(16) not null,
    deleted    boolean     not null default false
);

create table room_members (
    room_id uuid        not null,
    user_id uuid        not null,
    role    varchar(16) not null,
    primary key (room_id, user_id)
);
