-- Attachments (contract §6): one row per upload; its bytes are in the configured storage under storage_key.
-- An upload is nobody's but its uploader's until a message claims it — in the transaction that inserts the
-- message, so both happen or neither does; room_id, message_id, attached_at and position (its place among
-- the message's attachments) are set together, once.
create table files (
    id           uuid primary key,
    uploader_id  uuid         not null,
    name         varchar(255) not null,
    content_type varchar(255) not null,
    size         bigint       not null check (size > 0),
    storage_key  varchar(255) not null unique,
    created_at   timestamptz  not null,
    room_id      uuid,
    message_id   uuid,
    attached_at  timestamptz,
    position     smallint,
    check ((message_id is null) = (room_id is null)
        and (message_id is null) = (attached_at is null)
        and (message_id is null) = (position is null))
);

-- The orphan cleanup: uploads never attached, oldest first.
create index files_unattached_by_age on files (created_at) where message_id is null;
create index files_by_uploader on files (uploader_id);
-- A message's attachments, in order.
create index files_by_message on files (message_id, position) where message_id is not null;
